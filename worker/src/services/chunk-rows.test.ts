import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { D1_MAX_BOUND_PARAMS } from '../../../shared/constants';
import type { PostInput } from '../../../shared/schemas/annotate';
import { getDb } from '../db/client';
import { pageRows, pageWrites } from './catalogue';
import { chunk, rowsPerStatement } from './chunk-rows';
import { upsertMembers } from './members';

describe('statements stay within D1’s 100 bound parameters', () => {
  it('computes rows per statement from the column count', () => {
    expect(rowsPerStatement(10)).toBe(10);
    expect(rowsPerStatement(5)).toBe(20);
    expect(rowsPerStatement(11)).toBe(9);
    expect(() => rowsPerStatement(0)).toThrow(RangeError);
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('for a 500-post page with 500 authors', () => {
    const db = getDb(env);
    const posts: PostInput[] = Array.from({ length: 500 }, (_, i) => ({
      id: `p${i}`,
      number: i + 1,
      author: `u${i}`,
      createdAt: '2026-11-01T00:00:00Z',
      likeCount: 1,
      replyToNumber: i > 0 ? i : null,
    }));
    const ids = new Map(posts.map((p) => [p.author!, `m${p.author}`]));
    const statements = pageWrites(
      db,
      pageRows(
        { id: 1, communityId: 1 },
        {
          thread: { id: 't', title: 'x', url: null, category: null, createdAt: null, tags: [], replyCount: null, likeCount: null, viewCount: null },
          posts,
        },
        ids,
        Date.now(),
      ),
    );
    const counts = statements.map((s) => s.toSQL().params.length);
    expect(Math.max(...counts)).toBeLessThanOrEqual(D1_MAX_BOUND_PARAMS);
    expect(statements.length).toBe(1 + 32 + 56); // thread, 500 members / 16, 500 posts / 9 (11 columns)
  });

  it('for member upserts', () => {
    const rows = Array.from({ length: 45 }, (_, i) => ({
      id: `m${i}`,
      siteId: 1,
      communityId: 1,
      firstSeenAt: 1,
      lastSeenAt: 2,
    }));
    const statements = upsertMembers(getDb(env), rows);
    expect(statements.map((s) => s.toSQL().params.length)).toEqual([96, 96, 78]); // 6 columns, 16 rows
  });
});
