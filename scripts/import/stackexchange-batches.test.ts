import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBatchSchema, type ImportBatch } from '../../shared/schemas/import';
import { LIMITS } from './batcher';
import { type SeImportCounts, stackExchangeBatches } from './stackexchange-batches';

const CONLANG = path.resolve(import.meta.dirname, '../../../shared/data/recsys/stackexchange_conlang');
const SITE = 'https://conlang.meta.stackexchange.com';

async function collect(): Promise<{ batches: ImportBatch[]; counts: SeImportCounts }> {
  const batches: ImportBatch[] = [];
  const gen = stackExchangeBatches(CONLANG, SITE);
  let next = await gen.next();
  while (!next.done) {
    batches.push(next.value);
    next = await gen.next();
  }
  return { batches, counts: next.value };
}

describe('Stack Exchange dump -> import batches', { timeout: 60_000 }, () => {
  it('reads every row of the dump (counts equal the XML files’ rows, by grep -c "<row")', async () => {
    const { counts } = await collect();
    expect(counts).toMatchObject({ users: 272, posts: 177, comments: 230, votes: 1119, badges: 612 });
    // 54 questions (PostTypeId="1") become threads; with 115 answers, 169 posts.
    expect(counts.threads).toBe(54);
    expect(counts.importedPosts).toBe(169);
  });

  it('produces valid batches within the route’s limits, the same ids every time', async () => {
    const a = await collect();
    const b = await collect();
    expect(b.batches).toEqual(a.batches);
    for (const batch of a.batches) {
      expect(importBatchSchema.safeParse(batch).success).toBe(true);
      expect(batch.threads.length).toBeLessThanOrEqual(LIMITS.threads);
      expect(batch.posts.length).toBeLessThanOrEqual(LIMITS.posts);
      expect(batch.events.length).toBeLessThanOrEqual(LIMITS.events);
    }
    const events = a.batches.flatMap((x) => x.events);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(events.length).toBe(a.counts.events);
    const posts = a.batches.flatMap((x) => x.posts);
    expect(posts.filter((p) => p.number === 1)).toHaveLength(54);
    expect(posts.filter((p) => p.replyToNumber === 1)).toHaveLength(115);
  });
});

describe('Stack Exchange dump -> import batches (cardano, several batches)', { timeout: 120_000 }, () => {
  it('loses no row at batch boundaries', async () => {
    const dir = path.resolve(import.meta.dirname, '../../../shared/data/recsys/stackexchange_cardano');
    const batches: ImportBatch[] = [];
    const gen = stackExchangeBatches(dir, 'https://cardano.stackexchange.com');
    let next = await gen.next();
    while (!next.done) {
      batches.push(next.value);
      next = await gen.next();
    }
    expect(batches.length).toBeGreaterThan(5);
    // grep -cE 'PostTypeId="1"' -> 1042 questions; PostTypeId="2" -> 1496 answers.
    expect(new Set(batches.flatMap((b) => b.threads.map((t) => t.id))).size).toBe(1042);
    expect(new Set(batches.flatMap((b) => b.posts.map((p) => p.id))).size).toBe(2538);
    expect(batches.flatMap((b) => b.events)).toHaveLength(next.value.events);
  });
});
