import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiscourseJsonError, type DiscourseRecord, readDiscourseJson, streamJsonValues } from './discourse-json';

/**
 * No Discourse export or API response exists in ../shared/data, so these fixtures are built
 * here in the documented shapes: the export from discourse/discourse
 * lib/import_export/base_exporter.rb (USER_ATTRS, TOPIC_ATTRS, POST_ATTRS; `posts` inside
 * each topic) and the API's /t/{id}.json and /latest.json (field names as the API returns
 * them). The content is made up for the tests.
 */
const dir = mkdtempSync(join(tmpdir(), 'discourse-json-'));
const write = (name: string, value: unknown, space?: number) => {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value, null, space));
  return path;
};
const all = async (path: string, chunkSize?: number) => {
  const out: DiscourseRecord[] = [];
  for await (const r of readDiscourseJson(path, chunkSize ? { chunkSize } : {})) out.push(r);
  return out;
};

const exportFile = {
  categories: [{ id: 7, name: 'Study groups', slug: 'study-groups', permissions_params: { everyone: 1 } }],
  groups: [],
  topics: [
    {
      id: 42,
      title: 'Window functions',
      created_at: '2024-03-01T10:00:00.000Z',
      views: 120,
      category_id: 7,
      closed: false,
      archived: false,
      archetype: 'regular',
      posts: [
        { id: 501, user_id: 1, post_number: 1, raw: 'Post your solution \u{1F447} "quoted" \\ backslash', created_at: '2024-03-01T10:00:00.000Z', reply_to_post_number: null, hidden: false, hidden_reason_id: null, wiki: false },
        { id: 502, user_id: 2, post_number: 2, raw: '窗口函数：ROW_NUMBER()', created_at: '2024-03-01T11:30:00.000Z', reply_to_post_number: 1, hidden: false, hidden_reason_id: null, wiki: false },
      ],
    },
    { id: 43, title: 'Empty topic', created_at: '2024-03-02T10:00:00.000Z', views: 3, category_id: 7, closed: true, archived: false, archetype: 'regular', posts: [] },
  ],
  users: [
    { id: 1, email: 'mei@example.com', username: 'mei', name: 'Mei Lin', created_at: '2023-01-01T00:00:00.000Z', trust_level: 3, active: true, last_emailed_at: null, custom_fields: {} },
    { id: 2, email: 'alex@example.com', username: 'alex_k', name: 'Alex', created_at: '2023-06-01T00:00:00.000Z', trust_level: 1, active: true, last_emailed_at: null, custom_fields: {} },
  ],
};

const topicView = {
  post_stream: {
    posts: [
      { id: 90101, name: 'Mei Lin', username: 'mei', avatar_template: '/a/{size}.png', created_at: '2026-11-16T01:30:00.000Z', cooked: '<p>Hi</p>', post_number: 1, post_type: 1, updated_at: '2026-11-16T01:30:00.000Z', reply_count: 1, reply_to_post_number: null, topic_id: 4242, user_id: 501, actions_summary: [{ id: 2, count: 12 }] },
      { id: 90102, name: 'Alex Kim', username: 'alex_k', avatar_template: '/a/{size}.png', created_at: '2026-11-16T02:05:00.000Z', cooked: '<p>Mine</p>', post_number: 2, post_type: 1, reply_count: 0, reply_to_post_number: 1, topic_id: 4242, user_id: 502, actions_summary: [], accepted_answer: true },
    ],
    stream: [90101, 90102],
  },
  timeline_lookup: [[1, 0]],
  tags: ['sql'],
  id: 4242,
  title: 'Weekly study group: SQL window functions',
  fancy_title: 'Weekly study group: SQL window functions',
  posts_count: 2,
  created_at: '2026-11-16T01:30:00.000Z',
  views: 318,
  reply_count: 1,
  like_count: 12,
  category_id: 7,
  archetype: 'regular',
  details: {
    created_by: { id: 501, username: 'mei', name: 'Mei Lin', avatar_template: '/a/{size}.png' },
    participants: [
      { id: 501, username: 'mei', name: 'Mei Lin', post_count: 1 },
      { id: 502, username: 'alex_k', name: 'Alex Kim', post_count: 1 },
    ],
  },
};

const latest = {
  users: [{ id: 501, username: 'mei', name: 'Mei Lin', avatar_template: '/a/{size}.png' }],
  primary_groups: [],
  topic_list: {
    can_create_topic: false,
    per_page: 30,
    topics: [
      { id: 4242, title: 'Weekly study group', fancy_title: 'Weekly study group', slug: 'weekly', posts_count: 9, reply_count: 8, created_at: '2026-11-16T01:30:00.000Z', last_posted_at: '2026-11-17T01:30:00.000Z', views: 318, like_count: 30, category_id: 7, archetype: 'regular', closed: false, posters: [{ description: 'Original Poster', user_id: 501 }] },
      { id: 4243, title: 'Introductions', posts_count: 3, created_at: '2026-11-10T01:30:00.000Z', views: 40, like_count: 2, category_id: 1, archetype: 'regular', closed: false, posters: [] },
    ],
  },
};

describe('readDiscourseJson', () => {
  it('reads Discourse’s export: users (no emails), topics, then each topic’s posts', async () => {
    const records = await all(write('category-export.json', exportFile, 2), 64);
    expect(records.map((r) => `${r.kind}:${r.kind === 'user' ? r.username : r.id}`)).toEqual(['topic:42', 'post:501', 'post:502', 'topic:43', 'user:mei', 'user:alex_k']);
    expect(records[2]).toEqual({
      kind: 'post',
      id: 502,
      topicId: 42,
      postNumber: 2,
      userId: 2,
      username: null,
      createdAt: Date.parse('2024-03-01T11:30:00.000Z'),
      replyToPostNumber: 1,
      likeCount: null,
      replyCount: null,
      hidden: false,
      acceptedAnswer: null,
      raw: '窗口函数：ROW_NUMBER()',
      cooked: null,
    });
    expect((records[1] as { raw: string }).raw).toBe('Post your solution \u{1F447} "quoted" \\ backslash');
    expect(records[4]).toEqual({ kind: 'user', id: 1, username: 'mei', name: 'Mei Lin', createdAt: Date.parse('2023-01-01T00:00:00.000Z'), trustLevel: 3 });
    expect(JSON.stringify(records)).not.toContain('@example.com');
    expect(records[3]).toMatchObject({ kind: 'topic', id: 43, postsCount: 0, closed: true });
  });

  it('reads a topic view: posts with likes and accepted answers, participants, then the topic', async () => {
    const records = await all(write('t/4242.json', topicView), 50);
    expect(records.map((r) => r.kind)).toEqual(['post', 'post', 'user', 'user', 'topic']);
    expect(records[0]).toMatchObject({ id: 90101, topicId: 4242, userId: 501, username: 'mei', likeCount: 12, replyCount: 1, acceptedAnswer: null });
    expect(records[1]).toMatchObject({ likeCount: 0, replyToPostNumber: 1, acceptedAnswer: true });
    expect(records[4]).toEqual({ kind: 'topic', id: 4242, title: 'Weekly study group: SQL window functions', createdAt: Date.parse('2026-11-16T01:30:00.000Z'), categoryId: 7, views: 318, postsCount: 2, likeCount: 12, archetype: 'regular', closed: null });
  });

  it('reads a topic list and a whole directory in path order', async () => {
    const sub = mkdtempSync(join(tmpdir(), 'discourse-dir-'));
    writeFileSync(join(sub, 'latest.json'), JSON.stringify(latest));
    mkdirSync(join(sub, 't'));
    writeFileSync(join(sub, 't', '4242.json'), JSON.stringify(topicView));
    const progress: number[] = [];
    const records: DiscourseRecord[] = [];
    for await (const r of readDiscourseJson(sub, { onProgress: (p) => progress.push(p.allBytesRead / p.allTotalBytes) })) records.push(r);
    expect(records.filter((r) => r.kind === 'topic').map((r) => r.id)).toEqual([4242, 4243, 4242]);
    expect(records.filter((r) => r.kind === 'post')).toHaveLength(2);
    expect(progress.at(-1)).toBe(1);
  });

  it('streams a large export element by element', async () => {
    const big = { users: [], topics: Array.from({ length: 3000 }, (_, t) => ({ ...exportFile.topics[0], id: t + 1 })) };
    const path = write('big.json', big);
    let seen = 0;
    let bytesRead = 0;
    let readAtFirst = -1;
    let total = 0;
    for await (const r of readDiscourseJson(path, { chunkSize: 16_384, onProgress: (p) => ((bytesRead = p.bytesRead), (total = p.totalBytes)) })) {
      if (r.kind === 'post' && seen++ === 0) readAtFirst = bytesRead;
    }
    expect(seen).toBe(6000);
    expect(total).toBeGreaterThan(1_000_000);
    expect(readAtFirst).toBe(16_384);
  });
});

describe('malformed JSON', () => {
  const read = (name: string, text: string) => all(write(name, text), 8);

  it('names the file, line and column', async () => {
    const err = await read('broken.json', '{\n  "users": [\n    {"id": 1, "username": "a"},\n    {"id": 2 "username": "b"}\n  ]\n}').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DiscourseJsonError);
    expect(err).toMatchObject({ file: 'broken.json', line: 4, column: 14 });
    expect((err as Error).message).toBe('broken.json:4:14: unexpected value');
  });

  it('rejects truncation, trailing commas, bad literals and bad escapes', async () => {
    await expect(read('cut.json', '{"topics": [{"id": 1')).rejects.toThrow(/^cut\.json:1:\d+: the file ends inside an object$/);
    await expect(read('comma.json', '{"users": [1, 2,]}')).rejects.toThrow(/^comma\.json:1:17: unexpected \]$/);
    await expect(read('lit.json', '{"id": tru}')).rejects.toThrow(/^lit\.json:1:11: bad value "tru"$/);
    await expect(read('esc.json', '{"title": "a\\qb"}')).rejects.toThrow(/^esc\.json:1:14: bad escape in string$/);
    await expect(read('two.json', '{} {}')).rejects.toThrow(/more than one value/);
  });

  it('reports a post that lacks what the importer needs, with the line of its element', async () => {
    const bad = { topics: [{ id: 9, posts: [{ id: 1, post_number: 1 }] }] };
    await expect(read('nodate.json', JSON.stringify(bad, null, 1))).rejects.toThrow(/^nodate\.json:3:1: in topic 9: post 1 without a valid created_at$/);
  });
});

describe('streamJsonValues', () => {
  it('captures values at the requested paths with escapes split across chunks', async () => {
    const path = write('paths.json', '{"a": {"b": [10, "x\\u00e9\\"y", {"c": null}]}, "d": -1.5e3}');
    const got = [];
    for await (const v of streamJsonValues(path, (p) => (p[0] === 'a' && p.length === 3) || p[0] === 'd', { chunkSize: 3 })) got.push([v.path, v.value]);
    expect(got).toEqual([
      [['a', 'b', 0], 10],
      [['a', 'b', 1], 'xé"y'],
      [['a', 'b', 2], { c: null }],
      [['d'], -1500],
    ]);
  });
});
