import { describe, expect, it } from 'vitest';
import { buildNeighbours } from './co-visitation';
import { DAY_MS } from './priors';
import { recommend, type RecommendInput } from './recommend';
import type { CatalogueItem, Interaction, Recommendation } from './types';

const NOW = Date.UTC(2025, 5, 1);
const old = NOW - 60 * DAY_MS;

const thread = (id: string, title: string, tags: string[], extra: Partial<CatalogueItem> = {}): CatalogueItem => ({
  id,
  title,
  tags,
  createdAt: old,
  ...extra,
});

const catalogue: CatalogueItem[] = [
  thread('sql-intro', 'Introduction to SQL window functions', ['sql'], { replies: 10 }),
  thread('sql-window', 'ROW_NUMBER versus RANK in window functions', ['sql'], { replies: 4 }),
  thread('sql-join', 'When to use a LEFT JOIN', ['sql'], { replies: 3 }),
  thread('bread', 'Sourdough bread for beginners', ['baking'], { replies: 30 }),
  thread('cake', 'A sponge cake that does not sink', ['baking'], { replies: 25 }),
  thread('pasta', 'Fresh pasta by hand', ['cooking'], { replies: 20 }),
  thread('zh-window', 'SQL 窗口函数入门', ['sql'], { replies: 2 }),
  thread('zh-window-2', '窗口函数进阶：分区与排序', ['sql'], { createdAt: NOW - 2 * 3_600_000 }),
  thread('zh-bread', '周末烘焙：松软的面包', ['baking'], { createdAt: NOW - 3 * 3_600_000 }),
];

/** Members who read in patterns: sql-intro then sql-window, bread then cake. */
function world(): Interaction[] {
  const events: Interaction[] = [];
  let ts = old;
  const read = (user: string, items: string[]) => {
    for (const item of items) events.push({ user, item, ts: (ts += 60_000), kind: 'view' });
  };
  for (let u = 0; u < 6; u++) read(`s${u}`, ['sql-intro', 'sql-window']);
  read('s6', ['sql-intro', 'sql-join']);
  for (let u = 0; u < 8; u++) read(`b${u}`, ['bread', 'cake']);
  for (let u = 0; u < 4; u++) read(`p${u}`, ['pasta', 'bread']);
  return events;
}

const events = world();
const neighbours = buildNeighbours(events);

function run(extra: Partial<RecommendInput>): Recommendation[] {
  return recommend({ user: 'm', history: [], catalogue, neighbours, now: NOW, ...extra });
}

const viewed = (...items: string[]): Interaction[] => items.map((item, n) => ({ user: 'm', item, ts: NOW - DAY_MS + n, kind: 'view' }));

describe('recommend', () => {
  it('puts the thread most read together with what the member read first, and says why', () => {
    const recs = run({ history: viewed('sql-intro') });
    expect(recs[0]).toMatchObject({ item: 'sql-window', reason: { kind: 'because_you_read', ref: 'sql-intro' } });
    expect(recs.findIndex((r) => r.item === 'sql-join')).toBeLessThan(recs.findIndex((r) => r.item === 'cake'));
  });

  it('never recommends what the member read, the thread on screen, or an excluded thread', () => {
    const recs = run({ history: viewed('sql-intro', 'bread'), current: 'pasta', exclude: new Set(['cake']), k: 20 });
    const ids = recs.map((r) => r.item);
    for (const gone of ['sql-intro', 'bread', 'pasta', 'cake']) expect(ids).not.toContain(gone);
    expect(ids.length).toBe(catalogue.length - 4);
  });

  it('ignores interactions of other members passed as history', () => {
    const recs = run({ history: [...viewed('sql-intro'), { user: 'someone', item: 'sql-window', ts: NOW - 5 }] });
    expect(recs.map((r) => r.item)).toContain('sql-window');
  });

  it('gives every pick a reason, with a thread or tag to refer to where the kind needs one', () => {
    for (const input of [{ history: viewed('sql-intro', 'cake') }, { interests: ['baking'] }, {}, { current: 'zh-window' }]) {
      const recs = run({ ...input, k: 9 });
      expect(recs.length).toBeGreaterThan(0);
      for (const r of recs) {
        expect(['because_you_read', 'similar_to', 'popular_in_tag', 'new_in_tag_you_follow', 'popular', 'new']).toContain(r.reason.kind);
        if (r.reason.kind === 'because_you_read' || r.reason.kind === 'similar_to') {
          expect(catalogue.map((c) => c.id)).toContain(r.reason.ref);
        }
        if (r.reason.kind === 'popular_in_tag' || r.reason.kind === 'new_in_tag_you_follow') {
          expect(catalogue.find((c) => c.id === r.item)!.tags).toContain(r.reason.ref);
        }
        expect(Number.isFinite(r.score)).toBe(true);
      }
    }
  });

  it('serves a new member the popular threads, led by their declared interests', () => {
    // Without the recency prior: most replies first (diversity off: bread and cake share a tag).
    const popular = run({ k: 3, options: { diversity: 1, maxPerTag: Infinity, weights: { recency: 0 } } });
    expect(popular.map((r) => r.item)).toEqual(['bread', 'cake', 'pasta']);
    expect(popular.map((r) => r.reason.kind)).toEqual(['popular', 'popular', 'popular']);
    // With it, the two threads started hours ago come first, as new, then the most popular.
    const anyone = run({ k: 3 });
    expect(anyone.map((r) => r.item)).toEqual(['zh-window-2', 'zh-bread', 'bread']);
    expect(anyone.map((r) => r.reason.kind)).toEqual(['new', 'new', 'popular']);

    const sqlFan = run({ interests: ['SQL'], k: 3 });
    const sqlPicks = sqlFan.filter((r) => catalogue.find((c) => c.id === r.item)!.tags.includes('sql'));
    expect(sqlPicks.map((r) => r.item)).toEqual(sqlFan.slice(0, 2).map((r) => r.item));
    expect(sqlFan[0]).toMatchObject({ item: 'zh-window-2', reason: { kind: 'new_in_tag_you_follow', ref: 'sql' } });
    expect(sqlFan[1]).toMatchObject({ item: 'sql-intro', reason: { kind: 'popular_in_tag', ref: 'sql' } });
  });

  it('recommends a new thread nobody has read yet by its content, in Chinese', () => {
    expect(neighbours.has('zh-window-2')).toBe(false);
    // Content alone (no tag, popularity or recency prior): the Chinese thread on the same subject.
    const recs = run({ history: viewed('zh-window'), k: 3, options: { weights: { tag: 0, recency: 0, popularity: 0 } } });
    expect(recs[0]).toMatchObject({ item: 'zh-window-2', reason: { kind: 'similar_to', ref: 'zh-window' } });
    expect(recs.map((r) => r.item)).not.toContain('zh-bread');
    // With every prior on, it still makes the top three.
    expect(run({ history: viewed('zh-window'), k: 3 }).map((r) => r.item)).toContain('zh-window-2');
  });

  it('does not fill the list with one tag', () => {
    const many: CatalogueItem[] = [];
    for (let i = 0; i < 12; i++) many.push(thread(`hot-${i}`, `Hot sql thread ${i}`, ['sql'], { replies: 100 - i }));
    for (let i = 0; i < 4; i++) many.push(thread(`calm-${i}`, `Calm baking thread ${i}`, ['baking'], { replies: 5 - i }));
    const picks = recommend({ user: 'n', history: [], catalogue: many, neighbours: new Map(), now: NOW, k: 10 });
    // At most 4 of a tag while other threads remain: the 4 calm ones come in before the
    // fifth hot one; the list is then filled up with hot threads.
    expect(picks.slice(0, 8).filter((r) => r.item.startsWith('hot-')).length).toBe(4);
    expect(picks.filter((r) => r.item.startsWith('calm-')).length).toBe(4);
    expect(picks).toHaveLength(10);
    const undiversified = recommend({
      user: 'n',
      history: [],
      catalogue: many,
      neighbours: new Map(),
      now: NOW,
      k: 10,
      options: { diversity: 1, maxPerTag: Infinity },
    });
    expect(undiversified.every((r) => r.item.startsWith('hot-'))).toBe(true);
  });

  it('treats the thread on screen as a read', () => {
    const recs = run({ current: 'bread', k: 1 });
    expect(recs[0]).toMatchObject({ item: 'cake', reason: { kind: 'because_you_read', ref: 'bread' } });
  });

  it('is deterministic', () => {
    const a = run({ history: viewed('sql-intro', 'pasta'), k: 9 });
    const b = run({ history: [...viewed('sql-intro', 'pasta')].reverse(), k: 9 });
    expect(b).toEqual(a);
  });
});
