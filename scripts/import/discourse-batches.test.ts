import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// The demo forum's topic, in Discourse's /t/{id}.json shape (the API's own serializer fields).
import { topicJson } from '../../demo/forum/topic-json';
import { importBatchSchema, type ImportBatch } from '../../shared/schemas/import';
import { discourseBatches } from './discourse-batches';

describe('Discourse JSON -> import batches', () => {
  it('turns a topic view into a thread, its posts (numbers, reply-to) and reply events', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pulse-discourse-'));
    const file = path.join(dir, '4242.json');
    writeFileSync(file, JSON.stringify(topicJson()));
    const batches: ImportBatch[] = [];
    const gen = discourseBatches(file, 'https://forum.example');
    let next = await gen.next();
    while (!next.done) {
      batches.push(next.value);
      next = await gen.next();
    }
    expect(batches).toHaveLength(1);
    const b = batches[0]!;
    expect(importBatchSchema.safeParse(b).success).toBe(true);
    expect(b.threads).toEqual([expect.objectContaining({ id: '4242', replyCount: 11, viewCount: 318 })]);
    // The first window of the stream: posts 1-6, post 4 replying to post 3.
    expect(b.posts.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(b.posts.find((p) => p.number === 4)).toMatchObject({ author: 'priya_s', replyToNumber: 3, likeCount: 9, thread: '4242' });
    expect(b.events.map((e) => e.actor)).toEqual(['alex_k', 'xiaoming', 'priya_s', 'xiaoming', 'jordan_b']);
    expect(next.value).toMatchObject({ topics: 1, posts: 6, events: 5 });
  });
});
