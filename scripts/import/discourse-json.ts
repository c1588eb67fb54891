/**
 * Streaming reader of Discourse JSON: the export Discourse itself writes, and the public
 * API's `/t/{id}.json` and `/latest.json` responses (saved one per file, e.g. by a crawl).
 *
 * Shapes read (from discourse/discourse `lib/import_export/*_exporter.rb` and the API):
 * - Export (`rake export:categories[ids]`, `ImportExport.export_topics`):
 *   `{ categories: [...], groups: [...], users: [{ id, email, username, name, created_at,
 *   trust_level, active, ... }], topics: [{ id, title, created_at, views, category_id,
 *   closed, archived, archetype, posts: [{ id, user_id, post_number, raw, created_at,
 *   reply_to_post_number, hidden, hidden_reason_id, wiki }] }] }`. No likes in this format.
 * - Topic view `/t/{id}.json`: `{ post_stream: { posts: [{ id, topic_id, user_id,
 *   username, name, created_at, post_number, reply_to_post_number, reply_count,
 *   like_count?, actions_summary: [{ id: 2 (like), count }], cooked, accepted_answer?,
 *   hidden? }], stream: [ids] }, id, title, created_at, views, like_count, posts_count,
 *   category_id, archetype, details: { created_by, participants: [{ id, username, name }] } }`.
 * - Topic list `/latest.json` (also /top.json, /c/…json): `{ users: [{ id, username, name }],
 *   topic_list: { topics: [{ id, title, created_at, posts_count, views, like_count,
 *   category_id, archetype, closed, ... }] } }`.
 * No sample of any of these exists in ../shared/data: the tests build small fixtures in
 * these documented shapes.
 *
 * Streaming: a small validating JSON scanner reads the file in chunks and hands over one
 * array element at a time (one user, one topic with its posts, one post), so memory holds
 * one element, never the file. Emails in the export are never read into records. Malformed
 * JSON stops the read with a `DiscourseJsonError` naming file, line and column.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { SourceFileError } from './source-error';

export class DiscourseJsonError extends SourceFileError {}

export type JsonPath = (string | number)[];

export interface JsonProgress {
  file: string;
  bytesRead: number;
  totalBytes: number;
}

interface Frame {
  kind: 'object' | 'array';
  /** object: 'key' | 'colon' | 'value' | 'next'; array: 'value' | 'next'; both start with 'first'. */
  expect: 'first' | 'key' | 'colon' | 'value' | 'next';
  key: string;
  index: number;
}

interface Capture {
  depth: number;
  path: JsonPath;
  line: number;
  column: number;
  parts: string[];
  from: number;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const ATOM = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)$/;
const isAtomChar = (c: number) =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x45;

/**
 * Every value whose path `capture(path)` accepts, parsed, in document order; the values
 * inside a captured one are not offered again. Paths are keys and array indexes from the
 * root: `["topics", 3]` is the fourth element of the root's `topics`.
 */
export async function* streamJsonValues(
  path: string,
  capture: (path: JsonPath) => boolean,
  options: { chunkSize?: number; onProgress?: (p: JsonProgress) => void; fileLabel?: string } = {},
): AsyncGenerator<{ path: JsonPath; value: unknown; line: number }> {
  const file = options.fileLabel ?? basename(path);
  const totalBytes = (await stat(path)).size;
  const stack: Frame[] = [];
  let rootDone = false;
  let line = 1;
  let lineStart = 0; // index in the current chunk where the line began (may be negative)
  let lex: 'none' | 'string' | 'atom' = 'none';
  let escape = 0; // 0 none, 1 after backslash, 2..5 hex digits of \u expected
  let stringIsKey = false;
  let tokenParts: string[] = [];
  let tokenFrom = 0;
  let cap: Capture | null = null;
  const out: { path: JsonPath; value: unknown; line: number }[] = [];

  let chunk = '';
  let i = 0;
  const fail = (detail: string): never => {
    throw new DiscourseJsonError(file, line, i - lineStart + 1, detail);
  };
  const currentPath = (): JsonPath => stack.map((f) => (f.kind === 'object' ? f.key : f.index));

  const beginValue = () => {
    const top = stack[stack.length - 1];
    if (top) {
      if (top.kind === 'object' ? top.expect !== 'value' : top.expect !== 'value' && top.expect !== 'first') fail('unexpected value');
      if (top.kind === 'array') top.expect = 'value';
    } else if (rootDone) fail('more than one value at the top level');
    if (!cap) {
      const p = currentPath();
      if (capture(p)) cap = { depth: stack.length, path: p, line, column: i - lineStart + 1, parts: [], from: i };
    }
  };
  const valueDone = (end: number) => {
    if (cap && stack.length === cap.depth) {
      cap.parts.push(chunk.slice(cap.from, end));
      const text = cap.parts.join('');
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        throw new DiscourseJsonError(file, cap.line, cap.column, (e as Error).message);
      }
      out.push({ path: cap.path, value, line: cap.line });
      cap = null;
    }
    const top = stack[stack.length - 1];
    if (top) top.expect = 'next';
    else rootDone = true;
  };

  const decoder = new TextDecoder('utf-8', { fatal: true });
  const stream = createReadStream(path, { highWaterMark: options.chunkSize ?? 65_536 });
  let bytesRead = 0;
  const feed = (text: string, last: boolean) => {
    chunk = text;
    for (i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 0x0a) {
        line++;
        lineStart = i + 1;
      }
      if (lex === 'string') {
        if (escape === 1) {
          if (c === 0x75) escape = 2;
          else if ('"\\/bfnrt'.includes(chunk[i]!)) escape = 0;
          else fail('bad escape in string');
        } else if (escape >= 2) {
          if (!/[0-9a-fA-F]/.test(chunk[i]!)) fail('bad \\u escape in string');
          escape = escape === 5 ? 0 : escape + 1;
        } else if (c === 0x5c) escape = 1;
        else if (c === 0x22) {
          lex = 'none';
          if (stringIsKey) {
            tokenParts.push(chunk.slice(tokenFrom, i + 1));
            const top = stack[stack.length - 1]!;
            top.key = JSON.parse(tokenParts.join('')) as string;
            top.expect = 'colon';
          } else valueDone(i + 1);
        } else if (c < 0x20) fail('control character in string');
        continue;
      }
      if (lex === 'atom') {
        if (isAtomChar(c)) continue;
        tokenParts.push(chunk.slice(tokenFrom, i));
        const atom = tokenParts.join('');
        if (!ATOM.test(atom)) fail(`bad value "${atom}"`);
        lex = 'none';
        valueDone(i);
        // fall through: this character is structure
      }
      if (WS.has(c)) continue;
      const top = stack[stack.length - 1];
      switch (c) {
        case 0x7b: // {
        case 0x5b: // [
          beginValue();
          stack.push({ kind: c === 0x7b ? 'object' : 'array', expect: 'first', key: '', index: 0 });
          break;
        case 0x7d: // }
          if (!top || top.kind !== 'object' || (top.expect !== 'first' && top.expect !== 'next')) fail('unexpected }');
          stack.pop();
          valueDone(i + 1);
          break;
        case 0x5d: // ]
          if (!top || top.kind !== 'array' || (top.expect !== 'first' && top.expect !== 'next')) fail('unexpected ]');
          stack.pop();
          valueDone(i + 1);
          break;
        case 0x3a: // :
          if (!top || top.kind !== 'object' || top.expect !== 'colon') fail('unexpected :');
          top!.expect = 'value';
          break;
        case 0x2c: // ,
          if (!top || top.expect !== 'next') fail('unexpected ,');
          if (top!.kind === 'object') top!.expect = 'key';
          else {
            top!.index++;
            top!.expect = 'value';
          }
          break;
        case 0x22: // "
          lex = 'string';
          escape = 0;
          if (top && top.kind === 'object' && (top.expect === 'key' || top.expect === 'first')) {
            stringIsKey = true;
            tokenParts = [];
            tokenFrom = i;
          } else {
            stringIsKey = false;
            beginValue();
          }
          break;
        default:
          if (!isAtomChar(c)) fail(`unexpected character ${JSON.stringify(chunk[i])}`);
          beginValue();
          lex = 'atom';
          tokenParts = [];
          tokenFrom = i;
      }
    }
    // carry partial tokens and the capture over to the next chunk
    if (lex !== 'none' && (lex === 'atom' || stringIsKey)) {
      tokenParts.push(chunk.slice(tokenFrom));
      tokenFrom = 0;
    }
    if (cap) {
      (cap as Capture).parts.push(chunk.slice((cap as Capture).from));
      (cap as Capture).from = 0;
    }
    lineStart -= chunk.length;
    if (last) {
      i = 0;
      chunk = '';
      if (lex === 'atom') {
        const atom = tokenParts.join('');
        if (!ATOM.test(atom)) fail(`bad value "${atom}"`);
        lex = 'none';
        valueDone(0);
      }
      if (lex === 'string') fail('the file ends inside a string');
      if (stack.length > 0) fail(`the file ends inside an ${stack[stack.length - 1]!.kind}`);
      if (!rootDone) fail('empty file');
    }
  };

  try {
    let first = true;
    for await (const buf of stream as AsyncIterable<Buffer>) {
      bytesRead += buf.length;
      let text: string;
      try {
        text = decoder.decode(buf, { stream: true });
      } catch {
        throw new DiscourseJsonError(file, line, 1, 'invalid UTF-8');
      }
      if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
      feed(text, false);
      options.onProgress?.({ file, bytesRead, totalBytes });
      yield* out.splice(0, out.length);
    }
    feed(decoder.decode(), true);
    yield* out.splice(0, out.length);
  } finally {
    stream.destroy();
  }
}

export interface DiscourseUser {
  kind: 'user';
  id: number | null;
  username: string;
  name: string | null;
  createdAt: number | null;
  trustLevel: number | null;
}

export interface DiscourseTopic {
  kind: 'topic';
  id: number;
  title: string | null;
  createdAt: number | null;
  categoryId: number | null;
  views: number | null;
  postsCount: number | null;
  likeCount: number | null;
  archetype: string | null;
  closed: boolean | null;
}

export interface DiscoursePost {
  kind: 'post';
  id: number;
  topicId: number;
  postNumber: number;
  userId: number | null;
  username: string | null;
  createdAt: number;
  replyToPostNumber: number | null;
  /** null where the format has no likes (the export). */
  likeCount: number | null;
  replyCount: number | null;
  hidden: boolean;
  /** The Solved plugin's flag, null when absent. */
  acceptedAnswer: boolean | null;
  /** Markdown source (export) or cooked HTML (API), whichever the file has. */
  raw: string | null;
  cooked: string | null;
}

export type DiscourseRecord = DiscourseUser | DiscourseTopic | DiscoursePost;

type Obj = Record<string, unknown>;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const boolOrNull = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);
const time = (v: unknown): number | null => {
  if (typeof v !== 'string') return null;
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : null;
};

function toUser(o: Obj): DiscourseUser | null {
  const username = strOrNull(o.username);
  if (!username) return null;
  return { kind: 'user', id: num(o.id), username, name: strOrNull(o.name), createdAt: time(o.created_at), trustLevel: num(o.trust_level) };
}

function toTopic(o: Obj): DiscourseTopic | null {
  const id = num(o.id);
  if (id === null) return null;
  return {
    kind: 'topic',
    id,
    title: strOrNull(o.title),
    createdAt: time(o.created_at),
    categoryId: num(o.category_id),
    views: num(o.views),
    postsCount: num(o.posts_count) ?? (Array.isArray(o.posts) ? o.posts.length : null),
    likeCount: num(o.like_count),
    archetype: strOrNull(o.archetype),
    closed: boolOrNull(o.closed),
  };
}

function likesOf(o: Obj): number | null {
  const direct = num(o.like_count);
  if (direct !== null) return direct;
  if (!Array.isArray(o.actions_summary)) return null;
  const like = (o.actions_summary as Obj[]).find((a) => a && a.id === 2);
  return like ? (num(like.count) ?? 0) : 0;
}

function toPost(o: Obj, topicId: number | null): DiscoursePost | string {
  const id = num(o.id);
  const tid = num(o.topic_id) ?? topicId;
  const postNumber = num(o.post_number);
  const createdAt = time(o.created_at);
  if (id === null) return 'post without id';
  if (tid === null) return `post ${id} without topic_id`;
  if (postNumber === null) return `post ${id} without post_number`;
  if (createdAt === null) return `post ${id} without a valid created_at`;
  return {
    kind: 'post',
    id,
    topicId: tid,
    postNumber,
    userId: num(o.user_id),
    username: strOrNull(o.username),
    createdAt,
    replyToPostNumber: num(o.reply_to_post_number),
    likeCount: likesOf(o),
    replyCount: num(o.reply_count),
    hidden: o.hidden === true,
    acceptedAnswer: boolOrNull(o.accepted_answer),
    raw: strOrNull(o.raw),
    cooked: strOrNull(o.cooked),
  };
}

const TOP_ARRAYS = new Set(['users', 'topics']);
const TOPIC_FIELDS = new Set(['id', 'title', 'created_at', 'views', 'like_count', 'posts_count', 'category_id', 'archetype', 'closed']);

function wanted(p: JsonPath): boolean {
  if (p.length === 2 && typeof p[1] === 'number' && TOP_ARRAYS.has(p[0] as string)) return true;
  if (p.length === 3 && typeof p[2] === 'number' && p[0] === 'topic_list' && p[1] === 'topics') return true;
  if (p.length === 3 && typeof p[2] === 'number' && p[0] === 'post_stream' && p[1] === 'posts') return true;
  if (p.length === 2 && p[0] === 'details' && p[1] === 'participants') return true;
  return p.length === 1 && TOPIC_FIELDS.has(p[0] as string);
}

export interface DiscourseReadOptions {
  chunkSize?: number;
  onProgress?: (p: JsonProgress & { allBytesRead: number; allTotalBytes: number }) => void;
}

async function jsonFiles(path: string): Promise<string[]> {
  const s = await stat(path);
  if (!s.isDirectory()) return [path];
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * Users, topics and posts of a Discourse export file, an API response, or a directory of
 * them (every *.json below it, in path order). In an export, each topic is followed by its
 * posts; in a topic view the posts come first (post_stream precedes the topic's fields in
 * Discourse's serializer) and the topic record closes the file.
 */
export async function* readDiscourseJson(path: string, options: DiscourseReadOptions = {}): AsyncGenerator<DiscourseRecord> {
  const files = await jsonFiles(path);
  const sizes = await Promise.all(files.map(async (f) => (await stat(f)).size));
  const allTotalBytes = sizes.reduce((a, b) => a + b, 0);
  let before = 0;
  for (const [n, file] of files.entries()) {
    const label = files.length > 1 ? relative(path, file) : basename(file);
    const fields: Obj = {};
    let isTopicView = false;
    const bad = (line: number, detail: string) => new DiscourseJsonError(label, line, 1, detail);
    for await (const { path: p, value, line } of streamJsonValues(file, wanted, {
      ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
      fileLabel: label,
      ...(options.onProgress
        ? { onProgress: (pr: JsonProgress) => options.onProgress!({ ...pr, allBytesRead: before + pr.bytesRead, allTotalBytes }) }
        : {}),
    })) {
      const o = (value && typeof value === 'object' ? value : {}) as Obj;
      if (p.length === 1) fields[p[0] as string] = value;
      else if (p[0] === 'users') {
        const u = toUser(o);
        if (u) yield u;
      } else if (p[0] === 'topics' || p[0] === 'topic_list') {
        const t = toTopic(o);
        if (!t) throw bad(line, 'topic without id');
        yield t;
        if (Array.isArray(o.posts)) {
          for (const raw of o.posts as Obj[]) {
            const post = toPost(raw ?? {}, t.id);
            if (typeof post === 'string') throw bad(line, `in topic ${t.id}: ${post}`);
            yield post;
          }
        }
      } else if (p[0] === 'post_stream') {
        isTopicView = true;
        const post = toPost(o, num(fields.id));
        if (typeof post === 'string') throw bad(line, post);
        yield post;
      } else if (p[0] === 'details' && Array.isArray(value)) {
        for (const x of value as Obj[]) {
          const u = toUser(x ?? {});
          if (u) yield u;
        }
      }
    }
    if (isTopicView) {
      const t = toTopic(fields);
      if (t) yield t;
    }
    before += sizes[n]!;
  }
}
