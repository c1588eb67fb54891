import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PostSentiment } from '../../shared/schemas/annotate';
import type { CorrectionRequest } from '../../shared/schemas/corrections';
import { page, post, thread } from '../adapters/records';
import { AnnotationStore } from '../content/annotations';
import { setLanguage } from '../lib/i18n';
import { SentimentChip } from './SentimentChip';

const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

function scores(over: Partial<PostSentiment['sentiment']> = {}, flagged: PostSentiment['toxicity']['flagged'] = []): PostSentiment {
  return {
    id: '1',
    sentiment: { label: 'negative', probs: { negative: 0.82, neutral: 0.1, positive: 0.08 }, confidence: 0.82, uncertain: false, ...over },
    toxicity: { toxic: flagged.length ? 0.91 : 0.04, offensive: flagged.includes('offensive') ? 0.77 : 0.03, hate: 0.02, flagged },
    language: 'en',
    model: 'test',
    cached: false,
  };
}

let box: HTMLElement;
beforeEach(async () => {
  fakeBrowser.reset();
  await setLanguage('en');
  box = document.createElement('div');
  document.body.append(box);
});
afterEach(async () => {
  await act(async () => render(null, box));
  box.remove();
  await setLanguage('auto');
});

/** A store whose Worker answers `s` for post 1, and which records corrections sent. */
async function storeWith(s: PostSentiment | null, sent: CorrectionRequest[] = [], fail = false) {
  const store = new AnnotationStore(
    'https://f.example',
    async () => ({ ok: true as const, data: { authors: [], ...(s ? { posts: [s] } : {}) } }),
    async (request) => {
      sent.push(request);
      return fail ? { ok: false as const, error: '403 forbidden' } : { ok: true as const };
    },
  );
  await act(() => render(<SentimentChip store={store} postId="1" />, box));
  await act(() => store.annotate(page('discourse', { kind: 'thread', thread: thread('9'), posts: [post('1', { number: 1, author: 'ana', text: hostile })] })));
  return store;
}

describe('SentimentChip', () => {
  it('shows nothing until the Worker gave scores, and nothing to members (no scores)', async () => {
    await storeWith(null);
    expect(box.textContent).toBe('');
  });

  it('shows the label as mark and word, with the confidence on hover', async () => {
    await storeWith(scores());
    const chip = box.querySelector<HTMLElement>('.chip')!;
    expect(chip.textContent).toBe('↓ Negative');
    expect(chip.classList.contains('chip--negative')).toBe(true);
    expect(chip.title).toBe('Confidence 82%');
    expect(chip.getAttribute('aria-label')).toBe('Sentiment: Negative, confidence 82%');
    expect(box.querySelector('.tox')).toBeNull();
  });

  it('marks a label below the confidence threshold as uncertain, in words and style', async () => {
    await storeWith(scores({ label: 'positive', confidence: 0.45, uncertain: true }));
    const chip = box.querySelector<HTMLElement>('.chip')!;
    expect(chip.textContent).toBe('↑ Positive (uncertain)');
    expect(chip.classList.contains('chip--uncertain')).toBe(true);
    expect(chip.title).toContain('Below 60% confidence');
  });

  it('warns of toxicity and expands to the categories', async () => {
    await storeWith(scores({}, ['toxic', 'offensive']));
    const warning = box.querySelector<HTMLButtonElement>('.tox')!;
    expect(warning.textContent).toBe('⚠ Possibly toxic');
    expect(warning.getAttribute('aria-expanded')).toBe('false');
    await act(() => warning.click());
    expect(warning.getAttribute('aria-expanded')).toBe('true');
    const items = [...box.querySelectorAll('.pop li')].map((li) => li.textContent);
    expect(items).toEqual(['⚠ Toxic: 91%', '⚠ Offensive: 77%', 'Hate: 2%']);
    await act(() => warning.click());
    expect(box.querySelector('.pop')).toBeNull();
  });

  it('lets a moderator correct the labels; only changed tasks are sent, with the post’s text as the model read it', async () => {
    const sent: CorrectionRequest[] = [];
    await storeWith(scores({}, ['toxic']), sent);
    const fix = box.querySelector<HTMLButtonElement>('.fix')!;
    expect(fix.textContent).toBe('✎ Correct label');
    await act(() => fix.click());
    const form = box.querySelector('form')!;
    const neutral = form.querySelector<HTMLInputElement>('input[name="sentiment"][value="neutral"]')!;
    expect(form.querySelector<HTMLInputElement>('input[name="sentiment"][value="negative"]')!.checked).toBe(true);
    expect(form.querySelector<HTMLInputElement>('input[name="toxicity"][value="offensive"]')!.checked).toBe(true);
    await act(() => neutral.click());
    await act(async () => {
      form.dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(sent).toEqual([{ site: 'https://f.example', post: '1', text: hostile, task: 'sentiment', label: 'neutral' }]);
    expect(box.querySelector('[role="status"]')!.textContent).toBe('Correction saved. Thank you.');
    // Page text stayed text.
    expect(box.querySelector('img, script')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('says so when the correction cannot be saved', async () => {
    await storeWith(scores(), [], true);
    await act(() => box.querySelector<HTMLButtonElement>('.fix')!.click());
    await act(() => box.querySelector<HTMLInputElement>('input[value="positive"]')!.click());
    await act(async () => {
      box.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(box.querySelector('[role="status"]')!.textContent).toBe('Could not save the correction: 403 forbidden');
  });

  it('speaks Chinese when the language is set to it', async () => {
    await setLanguage('zh_CN');
    await storeWith(scores({ label: 'positive', confidence: 0.9 }));
    expect(box.querySelector('.chip')!.textContent).toBe('↑ 正面');
  });
});
