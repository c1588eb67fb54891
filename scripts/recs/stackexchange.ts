import { join } from 'node:path';
import type { CatalogueItem, Interaction } from '../../shared/recommender/types';
import { seenByUser, type RecsProblem } from './dataset';
import { htmlToText } from './html-text';
import type { EvalCase } from './metrics';
import { forEachRow, parseDumpDate, parseTags } from './stackexchange-xml';

/**
 * A Stack Exchange dump as a forum: questions are the threads; asking is a `post`,
 * answering or commenting (on the question or one of its answers) a `reply`, a favourite
 * (VoteTypeId 5, the only votes with a voter) a `like`. Up-votes have no voter in public
 * dumps: they only count towards a thread's likes.
 */
export interface SeQuestion {
  id: string;
  title: string;
  excerpt: string;
  tags: string[];
  author?: string;
  createdAt: number;
}

export interface SeDump {
  questions: SeQuestion[];
  events: Interaction[];
  /** Times of answers and up-votes per question (for reply and like counts as of a date). */
  answerTimes: Map<string, number[]>;
  upvoteTimes: Map<string, number[]>;
}

const EXCERPT_CHARS = 600;

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list === undefined) m.set(k, [v]);
  else list.push(v);
}

export async function readStackExchange(dir: string): Promise<SeDump> {
  const questions: SeQuestion[] = [];
  const events: Interaction[] = [];
  const questionOf = new Map<string, string>();
  const answerTimes = new Map<string, number[]>();
  const upvoteTimes = new Map<string, number[]>();

  await forEachRow(join(dir, 'Posts.xml'), (r) => {
    const id = r.Id;
    const ts = parseDumpDate(r.CreationDate);
    if (!id || !Number.isFinite(ts)) return;
    if (r.PostTypeId === '1') {
      questionOf.set(id, id);
      questions.push({
        id,
        title: r.Title ?? '',
        excerpt: htmlToText(r.Body ?? '').slice(0, EXCERPT_CHARS),
        tags: parseTags(r.Tags),
        ...(r.OwnerUserId ? { author: r.OwnerUserId } : {}),
        createdAt: ts,
      });
      if (r.OwnerUserId) events.push({ user: r.OwnerUserId, item: id, ts, kind: 'post' });
    } else if (r.PostTypeId === '2' && r.ParentId) {
      questionOf.set(id, r.ParentId);
      push(answerTimes, r.ParentId, ts);
      if (r.OwnerUserId) events.push({ user: r.OwnerUserId, item: r.ParentId, ts, kind: 'reply' });
    }
  });
  await forEachRow(join(dir, 'Comments.xml'), (r) => {
    const item = r.PostId ? questionOf.get(r.PostId) : undefined;
    const ts = parseDumpDate(r.CreationDate);
    if (item && r.UserId && Number.isFinite(ts)) events.push({ user: r.UserId, item, ts, kind: 'reply' });
  });
  await forEachRow(join(dir, 'Votes.xml'), (r) => {
    const item = r.PostId ? questionOf.get(r.PostId) : undefined;
    const ts = parseDumpDate(r.CreationDate);
    if (!item || !Number.isFinite(ts)) return;
    if (r.VoteTypeId === '2') push(upvoteTimes, item, ts);
    else if (r.VoteTypeId === '5' && r.UserId) events.push({ user: r.UserId, item, ts, kind: 'like' });
  });
  // Only threads whose question is in the dump.
  const known = new Set(questions.map((q) => q.id));
  const kept = events.filter((e) => known.has(e.item));
  kept.sort((a, b) => a.ts - b.ts || (a.user < b.user ? -1 : a.user > b.user ? 1 : 0) || (a.item < b.item ? -1 : 1));
  return { questions, events: kept, answerTimes, upvoteTimes };
}

/** The time by which `fraction` of the events (ts ascending) had happened, among those before `before`. */
export function eventQuantile(events: readonly Interaction[], fraction: number, before = Infinity): number {
  const ts = events.filter((e) => e.ts < before).map((e) => e.ts);
  ts.sort((a, b) => a - b);
  return ts[Math.min(ts.length - 1, Math.max(0, Math.floor(fraction * ts.length)))] ?? 0;
}

const countBefore = (times: number[] | undefined, t: number): number => (times ?? []).filter((x) => x < t).length;

export type Protocol = 'replay' | 'members';

/**
 * The problem at cut `t`: the model learns from every event before t, and members are
 * known by their activity before t. Hits are the questions a member (active before t)
 * answers or comments on in [t, end) that they had not touched before t and did not ask.
 * - `replay`: one case per such question, asked at the moment of the member's first answer
 *   or comment on it, with the catalogue as it stood then (every question asked before that
 *   moment, including those asked after t: new threads, with no readers in the model).
 *   Nothing after the moment is visible; hit = that question.
 * - `members`: one case per member, asked at t, catalogue = the questions asked before t;
 *   hits = all their such questions in the window that were asked before t.
 * Reply and like counts in the catalogue are as of t.
 */
export function stackExchangeProblem(dump: SeDump, t: number, end: number, protocol: Protocol, name: string): RecsProblem {
  const train = dump.events.filter((e) => e.ts < t);
  const horizon = protocol === 'members' ? t : end;
  const catalogue: CatalogueItem[] = dump.questions
    .filter((q) => q.createdAt < horizon)
    .map((q) => ({
      id: q.id,
      title: q.title,
      excerpt: q.excerpt,
      tags: q.tags,
      ...(q.author ? { author: q.author } : {}),
      createdAt: q.createdAt,
      replies: countBefore(dump.answerTimes.get(q.id), t),
      likes: countBefore(dump.upvoteTimes.get(q.id), t),
    }));
  const byId = new Map(catalogue.map((c) => [c.id, c]));
  const seen = seenByUser(train);
  const relevant = new Map<string, Set<string>>();
  const cases: EvalCase[] = [];
  for (const e of dump.events) {
    if (e.ts < t || e.ts >= end || e.kind !== 'reply') continue;
    const item = byId.get(e.item);
    if (!seen.has(e.user) || seen.get(e.user)!.has(e.item) || item === undefined || item.author === e.user) continue;
    let s = relevant.get(e.user);
    if (s === undefined) relevant.set(e.user, (s = new Set()));
    if (s.has(e.item)) continue; // only the first answer or comment on a question counts
    s.add(e.item);
    if (protocol === 'replay' && item.createdAt < e.ts) cases.push({ user: e.user, relevant: new Set([e.item]), now: e.ts });
  }
  if (protocol === 'members') {
    for (const [user, items] of [...relevant.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      cases.push({ user, relevant: items });
    }
  }
  return { name, train, catalogue, cases, now: t, seen };
}
