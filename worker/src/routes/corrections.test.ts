import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { CorrectionExportRow } from '../../../shared/schemas/corrections';
import { scoreText } from '../../../shared/sentiment/index';
import { call } from '../../test/call';
import { newCommunity, pageView } from '../../test/fixtures';
import { toxicityLabel } from '../services/text-scores';

async function exportAs(token: string | undefined, query = '?format=jsonl') {
  const res = await SELF.fetch(`http://pulse.test/v1/corrections/export${query}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: new TextDecoder().decode(await res.arrayBuffer()) };
}

const jsonl = (text: string) => text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as CorrectionExportRow);

describe('label corrections', () => {
  it('moderators store a correction with the model’s own label; owners export it as JSONL', async () => {
    const c = await newCommunity();
    const mod = await c.join('moderator');
    const text = 'Honestly this thread is a waste of everyone’s time.';
    const res = await call('POST', '/v1/corrections', { site: c.site, post: '42', text, task: 'sentiment', label: 'negative' }, { token: mod.token });
    expect(res.status).toBe(201);
    expect(res.body.correction).toMatchObject({ task: 'sentiment', label: 'negative', modelLabel: scoreText(text).sentiment.label });
    const tox = await call('POST', '/v1/corrections', { site: c.site, post: '42', text, task: 'toxicity', label: 'offensive' }, { token: mod.token });
    expect(tox.status).toBe(201);
    expect(tox.body.correction.modelLabel).toBe(toxicityLabel(scoreText(text).toxicity));

    const out = await exportAs(c.owner);
    expect(out.status).toBe(200);
    expect(out.type).toContain('application/x-ndjson');
    const rows = jsonl(out.text);
    expect(rows.map((r) => [r.task, r.label, r.text, r.site, r.post])).toEqual([
      ['sentiment', 'negative', text, c.site, '42'],
      ['toxicity', 'offensive', text, c.site, '42'],
    ]);
    expect(jsonl((await exportAs(c.owner, '?format=jsonl&task=toxicity')).text)).toHaveLength(1);
    const json = await call<{ corrections: CorrectionExportRow[] }>('GET', '/v1/corrections/export', undefined, { token: c.owner });
    expect(json.status).toBe(200);
    expect(json.body.corrections).toEqual(rows);
  });

  it('correcting the same post again replaces the moderator’s earlier label', async () => {
    const c = await newCommunity();
    const mod = await c.join('moderator');
    const body = { site: c.site, post: '7', text: 'fine I guess', task: 'sentiment', label: 'positive' };
    await call('POST', '/v1/corrections', body, { token: mod.token });
    await call('POST', '/v1/corrections', { ...body, label: 'neutral' }, { token: mod.token });
    await call('POST', '/v1/corrections', { ...body, label: 'negative' }, { token: c.owner }); // another moderator's view is kept too
    const rows = jsonl((await exportAs(c.owner)).text);
    expect(rows.map((r) => r.label).sort()).toEqual(['negative', 'neutral']);
  });

  it('is for moderators and owners; export is for owners', async () => {
    const c = await newCommunity();
    const member = await c.join('member');
    const mod = await c.join('moderator');
    const body = { site: c.site, post: '1', text: 'hello', task: 'sentiment', label: 'neutral' };
    expect((await call('POST', '/v1/corrections', body)).status).toBe(401);
    expect((await call('POST', '/v1/corrections', body, { token: member.token })).status).toBe(403);
    expect((await exportAs(undefined)).status).toBe(401);
    expect((await exportAs(member.token)).status).toBe(403);
    expect((await exportAs(mod.token)).status).toBe(403);
    // Another community's owner sees none of these.
    await call('POST', '/v1/corrections', body, { token: mod.token });
    const other = await newCommunity();
    expect(jsonl((await exportAs(other.owner)).text)).toEqual([]);
    // Nor may a moderator correct posts of a site outside their community.
    const foreign = await call('POST', '/v1/corrections', { ...body, site: other.site }, { token: mod.token });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('site_not_in_community');
  });

  it.each([
    ['a label of the other task', { task: 'sentiment', label: 'hate' }, 'label'],
    ['an unknown task', { task: 'spam', label: 'yes' }, 'task'],
    ['empty text', { text: '' }, 'text'],
    ['a 100 kB text', { text: 'x'.repeat(100_000) }, 'text'],
    ['a bad post id', { post: '<script>' }, 'post'],
    ['an extra field', { extra: 1 }, ''],
  ])('refuses %s with a 400', async (_name, change, field) => {
    const c = await newCommunity();
    const body = { site: c.site, post: '1', text: 'hello', task: 'sentiment', label: 'neutral', ...change };
    const res = await call('POST', '/v1/corrections', body, { token: c.owner });
    expect(res.status).toBe(400);
    if (field) expect(res.body.error.field).toBe(field);
  });

  it('exports hostile texts safely as CSV (quotes, newlines, formulas, surrogates)', async () => {
    const c = await newCommunity();
    const texts = ['=HYPERLINK("http://evil","click")', 'line one\nline "two", three', '<script>alert(1)</script>', 'bad \ud800 half'];
    for (const [i, text] of texts.entries()) {
      const r = await call('POST', '/v1/corrections', { site: c.site, post: `${i}`, text, task: 'toxicity', label: 'not_toxic' }, { token: c.owner });
      expect(r.status).toBe(201);
    }
    const out = await exportAs(c.owner, '?format=csv');
    expect(out.status).toBe(200);
    expect(out.type).toContain('text/csv');
    expect(out.text.startsWith('task,label,modelLabel,text,site,post,createdAt\r\n')).toBe(true);
    expect(out.text).toContain(`"'=HYPERLINK(""http://evil"",""click"")"`);
    expect(out.text).toContain('"line one\nline ""two"", three"');
    expect(out.text).toContain('"bad \ufffd half"');
    expect((await exportAs(c.owner, '?format=xml')).status).toBe(400);
  });

  it('drops the stored text when the post’s author erases their data', async () => {
    const c = await newCommunity();
    const alice = await c.join('member');
    await call('POST', '/v1/events', { events: [pageView(c.site, 'alice')] }, { token: alice.token });
    const page = {
      site: c.site,
      engine: 'discourse',
      thread: { id: '9', title: null, url: null, category: null, createdAt: null },
      posts: [{ id: '90', number: 1, author: 'alice', createdAt: null, likeCount: null, replyToNumber: null }],
    };
    expect((await call('POST', '/v1/annotate', page, { token: c.owner })).status).toBe(200);
    await call('POST', '/v1/corrections', { site: c.site, post: '90', text: 'alice wrote this', task: 'sentiment', label: 'neutral' }, { token: c.owner });
    expect(jsonl((await exportAs(c.owner)).text)).toHaveLength(1);
    expect((await call('DELETE', '/v1/me', undefined, { token: alice.token })).status).toBeLessThan(300);
    expect(jsonl((await exportAs(c.owner)).text)).toEqual([]);
    const left = await env.DB.prepare("SELECT count(*) AS n FROM label_corrections WHERE post_ext_id = '90'").first<{ n: number }>();
    expect(left!.n).toBe(0);
  });
});
