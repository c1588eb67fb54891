import { isoDate, textOfHtml } from '../dom-text';
import { post as postRecord, thread as threadRecord } from '../records';
import type { PostRecord, ThreadRecord } from '../types';

/**
 * Discourse's preloaded store: `#data-preloaded`, a JSON object whose values are JSON
 * strings (parse twice). Newer cores may ship it as `<script type="application/json">`
 * with the JSON as text; older ones as the `data-preloaded` attribute. It describes the
 * first route only, so the topic is used only when its id matches the page's topic.
 */
export interface Preloaded {
  user: string | null;
  thread: ThreadRecord | null;
  /** Posts of the first window of the stream (post_stream.posts). */
  posts: PostRecord[];
}

interface RawPost {
  id?: number;
  post_number?: number;
  post_type?: number;
  username?: string;
  name?: string | null;
  created_at?: string;
  cooked?: string;
  reply_to_post_number?: number | null;
  reply_to_user?: { username?: string } | null;
  actions_summary?: Array<{ id?: number; count?: number }>;
  reaction_users_count?: number;
  hidden?: boolean;
  /** discourse-solved */
  accepted_answer?: boolean;
  deleted_at?: string | null;
}

const LIKE_ACTION_ID = 2;
const REGULAR_POST_TYPES = new Set([1, 4]); // regular, whisper (small actions are 3, moderator actions 2)

function parseStore(doc: Document, problems: string[]): Record<string, unknown> | null {
  const el = doc.getElementById('data-preloaded');
  if (!el) return null;
  const raw = el.tagName === 'SCRIPT' ? el.textContent : el.getAttribute('data-preloaded');
  if (!raw) {
    problems.push('discourse: #data-preloaded is empty');
    return null;
  }
  try {
    const store = JSON.parse(raw) as unknown;
    if (store && typeof store === 'object' && !Array.isArray(store)) return store as Record<string, unknown>;
    problems.push('discourse: #data-preloaded is not a JSON object');
  } catch (e) {
    problems.push(`discourse: #data-preloaded is not valid JSON (${(e as Error).message.slice(0, 80)})`);
  }
  return null;
}

function entry(store: Record<string, unknown>, key: string, problems: string[]): Record<string, any> | null {
  const value = store[key];
  if (value === undefined || value === null) return null;
  try {
    const parsed = typeof value === 'string' ? JSON.parse(value) : value;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, any>) : null;
  } catch {
    problems.push(`discourse: preloaded "${key}" is not valid JSON`);
    return null;
  }
}

function likeCount(p: RawPost): number | null {
  if (typeof p.reaction_users_count === 'number') return p.reaction_users_count;
  if (!Array.isArray(p.actions_summary)) return null;
  const like = p.actions_summary.find((a) => a?.id === LIKE_ACTION_ID);
  return typeof like?.count === 'number' ? like.count : 0;
}

function toPost(doc: Document, p: RawPost): PostRecord | null {
  if (typeof p.id !== 'number' || (p.post_type !== undefined && !REGULAR_POST_TYPES.has(p.post_type))) return null;
  return postRecord(String(p.id), {
    number: typeof p.post_number === 'number' ? p.post_number : null,
    author: p.username || null,
    authorName: p.name || null,
    authorUrl: null,
    createdAt: isoDate(p.created_at),
    text: typeof p.cooked === 'string' ? textOfHtml(doc, p.cooked, 'aside.quote, .lightbox-wrapper .meta') : '',
    likeCount: likeCount(p),
    replyToNumber: typeof p.reply_to_post_number === 'number' ? p.reply_to_post_number : null,
    replyToUser: p.reply_to_user?.username ?? null,
    isAccepted: typeof p.accepted_answer === 'boolean' ? p.accepted_answer : null,
  });
}

function tagNames(tags: unknown): string[] {
  if (!Array.isArray(tags)) return [];
  return tags
    .map((t) => (typeof t === 'string' ? t : typeof t?.name === 'string' ? t.name : null))
    .filter((t): t is string => !!t);
}

export function readPreloaded(doc: Document, topicId: string | null, base: URL, problems: string[]): Preloaded {
  const out: Preloaded = { user: null, thread: null, posts: [] };
  const store = parseStore(doc, problems);
  if (!store) return out;
  const currentUser = entry(store, 'currentUser', problems);
  if (typeof currentUser?.username === 'string') out.user = currentUser.username;
  if (!topicId) return out;
  const topic = entry(store, `topic_${topicId}`, problems);
  if (!topic) return out;
  const categories: Array<{ id: number; name: string }> = entry(store, 'site', problems)?.categories ?? [];
  out.thread = threadRecord(topicId, {
    title: typeof topic.title === 'string' ? topic.title : null,
    url: typeof topic.slug === 'string' ? new URL(`/t/${topic.slug}/${topicId}`, base).href : null,
    category: categories.find((c) => c.id === topic.category_id)?.name ?? null,
    tags: tagNames(topic.tags),
    author: topic.details?.created_by?.username ?? null,
    createdAt: isoDate(topic.created_at),
    replyCount: typeof topic.reply_count === 'number' ? topic.reply_count : null,
    likeCount: typeof topic.like_count === 'number' ? topic.like_count : null,
    viewCount: typeof topic.views === 'number' ? topic.views : null,
  });
  const raw: RawPost[] = Array.isArray(topic.post_stream?.posts) ? topic.post_stream.posts : [];
  out.posts = raw.map((p) => toPost(doc, p)).filter((p): p is PostRecord => p !== null);
  return out;
}
