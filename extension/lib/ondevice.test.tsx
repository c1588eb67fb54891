import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { annotateRequestSchema, clientScoresSchema } from '../../shared/schemas/annotate';
import { prepareText, scoreText } from '../../shared/sentiment/index';
import { page as pageRecord, post as postRecord, thread } from '../adapters/records';
import { AnnotationStore } from '../content/annotations';
import { downloadError, OnDeviceSetting } from '../entrypoints/options/OnDeviceSetting';
import { type BackgroundDeps, handleMessage } from './background-handlers';
import { annotateMessage } from './messages';
import { setLanguage } from './i18n';
import { downloadWithConsent, type OffscreenReply, onDeviceItem, parseHubModelId, sentimentFromLabels, toClientScores } from './ondevice';
import { Outbox } from './outbox';
import type { Session } from './session';
import { testSession } from '../test/session';

beforeEach(() => fakeBrowser.reset());

/** The shipped model's outputs as transformers.js gives them (top_k: null), from the kernel. */
function shippedOutputs(text: string) {
  const s = scoreText(text);
  return Object.entries({ ...s.sentiment.probs, ...s.toxicity }).map(([label, score]) => ({ label, score }));
}

describe('Hugging Face model ids', () => {
  it.each(['Xenova/distilbert-base-uncased-finetuned-sst-2-english', 'cardiffnlp/twitter-roberta-base-sentiment-latest', ' a/b ', 'user_1/model.v2'])('accepts %j', (id) => {
    expect(parseHubModelId(id)).toEqual({ ok: true, id: id.trim() });
  });
  it.each(['', 'distilbert', 'a/b/c', '../etc/passwd', 'a/..', 'a/b?x=1', 'https://huggingface.co/a/b', 'a/b#c', '-a/b', 'a/b-', 'a /b', 'a/b\nc', 'a--b/c', `a/${'x'.repeat(97)}`, 'a/<script>'])(
    'refuses %j',
    (id) => {
      expect(parseHubModelId(id).ok).toBe(false);
    },
  );
});

describe('the consent gate of hub downloads', () => {
  it('never loads without consent, nor for an invalid id, and reports failures', async () => {
    const load = vi.fn(async (id: string) => id);
    expect(await downloadWithConsent('Xenova/model', false, load)).toEqual({ ok: false, reason: 'no_consent' });
    expect(await downloadWithConsent('../x', true, load)).toEqual({ ok: false, reason: 'invalid_id' });
    expect(load).not.toHaveBeenCalled();
    expect(await downloadWithConsent(' Xenova/model ', true, load)).toEqual({ ok: true, id: 'Xenova/model', value: 'Xenova/model' });
    const failing = vi.fn(async () => {
      throw new Error('Could not locate file: "https://huggingface.co/Xenova/model/resolve/main/config.json"');
    });
    expect(await downloadWithConsent('Xenova/model', true, failing)).toMatchObject({ ok: false, reason: 'failed', error: expect.stringContaining('Could not locate') });
  });

  it('in the options page: nothing is downloaded until the user confirms; progress, then the model is kept', async () => {
    await setLanguage('en');
    const root = document.createElement('div');
    document.body.append(root);
    let progress: (share: number) => void = () => {};
    let finish: (out: Array<{ label: string; score: number }>) => void = () => {};
    const load = vi.fn(
      (_id: string, onProgress: (share: number) => void) =>
        new Promise<Array<{ label: string; score: number }>>((resolve) => {
          progress = onProgress;
          finish = resolve;
        }),
    );
    await act(async () => render(<OnDeviceSetting load={load} />, root));
    const input = root.querySelector<HTMLInputElement>('#hub-model')!;
    const button = (name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === name)!;

    await act(async () => {
      input.value = 'not an id';
      input.dispatchEvent(new Event('input'));
    });
    await act(async () => button('Download…').click());
    expect(root.querySelector('#ondevice-status')!.textContent).toContain('not a Hugging Face model id');
    expect(root.querySelector('[role=alertdialog]')).toBeNull();

    await act(async () => {
      input.value = 'Xenova/bigger-sentiment';
      input.dispatchEvent(new Event('input'));
    });
    await act(async () => button('Download…').click());
    expect(root.querySelector('[role=alertdialog]')!.textContent).toContain('Download Xenova/bigger-sentiment from huggingface.co?');
    // Cancel: no download.
    await act(async () => button('Cancel').click());
    expect(load).not.toHaveBeenCalled();

    await act(async () => button('Download…').click());
    await act(async () => button('Download').click());
    expect(load).toHaveBeenCalledOnce();
    expect(load.mock.calls[0]![0]).toBe('Xenova/bigger-sentiment');
    await act(async () => progress(0.42));
    expect(root.querySelector('progress')!.value).toBeCloseTo(0.42);
    expect(root.textContent).toContain('42%');
    await act(async () => finish([{ label: 'POSITIVE', score: 0.9 }, { label: 'NEGATIVE', score: 0.1 }]));
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(root.querySelector('#ondevice-status')!.textContent).toContain('Xenova/bigger-sentiment is downloaded and checked');
    expect(await onDeviceItem.getValue()).toEqual({ enabled: false, hubModel: 'Xenova/bigger-sentiment' });
    root.remove();
  });

  it('says in words why a download failed', async () => {
    await setLanguage('en');
    expect(downloadError('Failed to fetch')).toContain('huggingface.co could not be reached');
    expect(downloadError('Unauthorized access to file: "https://huggingface.co/a/b/resolve/main/config.json".')).toContain('no such model');
    expect(downloadError('Could not locate file: "https://huggingface.co/a/b/resolve/main/config.json".')).toContain('no such model');
    expect(downloadError('Could not locate file: "https://huggingface.co/a/b/resolve/main/onnx/model.onnx".')).toContain('no ONNX weights');
    expect(downloadError('Unsupported model type: foo')).toBe('Unsupported model type: foo');
  });

  it('in the options page: a model whose labels are not sentiment is not kept, and says why', async () => {
    await setLanguage('en');
    const root = document.createElement('div');
    document.body.append(root);
    const load = vi.fn(async () => [{ label: 'LABEL_0', score: 0.3 }, { label: 'LABEL_1', score: 0.7 }]);
    await act(async () => render(<OnDeviceSetting load={load} />, root));
    const input = root.querySelector<HTMLInputElement>('#hub-model')!;
    await act(async () => {
      input.value = 'someone/unlabelled';
      input.dispatchEvent(new Event('input'));
    });
    const button = (name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === name)!;
    await act(async () => button('Download…').click());
    await act(async () => button('Download').click());
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(root.querySelector('#ondevice-status')!.textContent).toContain('does not answer with sentiment labels');
    expect((await onDeviceItem.getValue()).hubModel).toBeNull();
    root.remove();
  });
});

describe('model outputs as client scores', () => {
  it('reads hub labels as sentiment (names, stars), and refuses labels without meaning', () => {
    expect(sentimentFromLabels([{ label: 'POSITIVE', score: 0.8 }, { label: 'NEGATIVE', score: 0.2 }])).toEqual({ negative: 0.2, neutral: 0, positive: 0.8 });
    const stars = sentimentFromLabels(['1 star', '2 stars', '3 stars', '4 stars', '5 stars'].map((label) => ({ label, score: 0.2 })))!;
    expect(stars.negative).toBeCloseTo(0.4);
    expect(stars.neutral).toBeCloseTo(0.2);
    expect(stars.positive).toBeCloseTo(0.4);
    expect(sentimentFromLabels([{ label: 'LABEL_0', score: 0.4 }, { label: 'LABEL_1', score: 0.6 }])).toBeNull();
    expect(sentimentFromLabels([{ label: 'positive', score: 1 }])).toBeNull();
  });

  it('turns the shipped model’s outputs into scores the Worker accepts, equal to the kernel', () => {
    for (const text of ['Thanks, this is wonderful!', '太差了，浪费时间。', 'you idiot', '', '👍']) {
      const prepared = prepareText(text);
      const s = toClientScores(prepared, 'pulse-sentiment@v', shippedOutputs(text));
      expect(clientScoresSchema.safeParse(s).success).toBe(true);
      const k = scoreText(text);
      expect(s.sentiment.label).toBe(k.sentiment.label);
      expect(s.sentiment.probs.negative).toBeCloseTo(k.sentiment.probs.negative, 9);
      expect(s.toxicity).toEqual(k.toxicity);
      expect(s.language).toBe(k.language);
    }
    const hub = toClientScores('ok', 'Xenova/x', shippedOutputs('ok'), { negative: 0.1, neutral: 0, positive: 0.9 });
    expect(hub.sentiment).toEqual({ label: 'positive', probs: { negative: 0.1, neutral: 0, positive: 0.9 } });
    expect(hub.model).toBe('Xenova/x');
  });
});

describe('annotate in on-device mode (background)', () => {
  const session = testSession;
  const request = {
    site: 'https://f.example',
    engine: 'discourse' as const,
    thread: { id: '1', title: 'T', url: null, category: null, createdAt: null },
    posts: [
      { id: 'p1', number: 1, author: 'mei', createdAt: null, likeCount: 0, replyToNumber: null, text: 'This is wonderful, thanks! SECRET-TEXT-1' },
      { id: 'p2', number: 2, author: 'li', createdAt: null, likeCount: 0, replyToNumber: null },
      { id: 'p3', number: 3, author: 'li', createdAt: null, likeCount: 0, replyToNumber: null, text: '太差了 SECRET-TEXT-3' },
    ],
  };
  function deps(role: Session['role'], score: BackgroundDeps['scoreOnDevice'], enabled = true) {
    const bodies: string[] = [];
    const fetchImpl = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      bodies.push(String(init?.body ?? ''));
      return new Response(JSON.stringify({ thread: '1', visibility: 'all', authors: [], posts: [] }), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch;
    const d: BackgroundDeps = {
      outbox: new Outbox(),
      workerUrl: async () => 'https://pulse.example',
      session: async () => session(role),
      saveSession: async () => {},
      onRevoked: async () => {},
      scheduleFlush: vi.fn(),
      fetchImpl,
      onDevice: async () => ({ enabled, hubModel: null }),
      scoreOnDevice: score,
    };
    return { d, bodies, fetchImpl };
  }
  const scorer = () =>
    vi.fn(async (texts: string[]): Promise<OffscreenReply> => ({
      ok: true,
      scores: texts.map((t) => toClientScores(prepareText(t), 'pulse-sentiment@v', shippedOutputs(t))),
      loadMs: null,
      scoreMs: 1,
    }));

  it('sends scores instead of text for moderators: no text in the request', async () => {
    const score = scorer();
    const { d, bodies } = deps('moderator', score);
    expect(await handleMessage(annotateMessage(request), d)).toMatchObject({ ok: true });
    expect(score).toHaveBeenCalledWith([request.posts[0]!.text, request.posts[2]!.text], null);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).not.toContain('SECRET-TEXT');
    const sent = annotateRequestSchema.parse(JSON.parse(bodies[0]!));
    expect(sent.posts.map((p) => [p.id, p.text, p.scores?.sentiment.label])).toEqual([
      ['p1', undefined, scoreText(request.posts[0]!.text!).sentiment.label],
      ['p2', undefined, undefined],
      ['p3', undefined, scoreText(request.posts[2]!.text!).sentiment.label],
    ]);
  });

  it('sends members’ pages without text or scores (members get no post scores)', async () => {
    const score = scorer();
    const { d, bodies } = deps('member', score);
    await handleMessage(annotateMessage(request), d);
    expect(score).not.toHaveBeenCalled();
    expect(bodies[0]).not.toContain('SECRET-TEXT');
    expect(bodies[0]).not.toContain('"scores"');
  });

  it('sends nothing when scoring fails (never the text instead), and says why', async () => {
    await setLanguage('en');
    const { d, fetchImpl } = deps('owner', async () => ({ ok: false, error: 'no WebAssembly' }));
    const reply = await handleMessage(annotateMessage(request), d);
    expect(reply).toMatchObject({ ok: false, code: 'on_device_failed', error: expect.stringContaining('no WebAssembly') });
    expect(fetchImpl).not.toHaveBeenCalled();
    // A chosen hub model that left the browser's cache is not fetched again without consent.
    const gone = deps('owner', async () => ({ ok: false, error: 'x', code: 'hub_not_cached' }));
    gone.d.onDevice = async () => ({ enabled: true, hubModel: 'Xenova/big' });
    expect(await handleMessage(annotateMessage(request), gone.d)).toMatchObject({
      ok: false,
      error: expect.stringContaining('Xenova/big is no longer in this browser'),
    });
    expect(gone.fetchImpl).not.toHaveBeenCalled();
  });

  it('sends text as before when the mode is off, and refuses corrections (which carry text) when on', async () => {
    const { d, bodies } = deps('owner', scorer(), false);
    await handleMessage(annotateMessage(request), d);
    expect(bodies[0]).toContain('SECRET-TEXT-1');
    const on = deps('owner', scorer());
    const reply = await handleMessage({ type: 'correction', request: { site: 'https://f.example', post: 'p1', text: 'x', task: 'sentiment', label: 'positive' } }, on.d);
    expect(reply).toMatchObject({ ok: false, code: 'on_device' });
    expect(on.fetchImpl).not.toHaveBeenCalled();
  });
});

describe('the overlay with on-device scores', () => {
  it('offers no correction for posts scored on this device (a correction sends the text)', async () => {
    const sentiment = (id: string, model: string) => ({
      id,
      sentiment: { label: 'positive' as const, probs: { negative: 0.1, neutral: 0.1, positive: 0.8 }, confidence: 0.8, uncertain: false },
      toxicity: { toxic: 0, offensive: 0, hate: 0, flagged: [] },
      language: 'en',
      model,
      cached: false,
    });
    const annotator = vi.fn(async () => ({
      ok: true as const,
      data: { thread: '9', visibility: 'all' as const, authors: [], posts: [sentiment('1', 'device:pulse-sentiment@v'), sentiment('2', 'pulse-sentiment-1')] },
    }));
    const store = new AnnotationStore('https://f.example', annotator, async () => ({ ok: true }));
    const posts = ['1', '2'].map((id, i) => postRecord(id, { number: i + 1, author: 'ann', createdAt: null, text: 'some text', likeCount: 0 }));
    await store.annotate(pageRecord('discourse', { kind: 'thread', thread: thread('9', { title: 'T', url: null }), posts }));
    expect(store.postScores('1')?.model).toBe('device:pulse-sentiment@v');
    expect(store.canCorrect('1')).toBe(false);
    expect(store.canCorrect('2')).toBe(true);
  });
});
