/**
 * A Stack Exchange dump as churn-model events (shared/churn/history.ts), streamed with
 * the dump reader. Member ids are the dump's user ids as strings; the Community bot (-1)
 * and anonymous rows are left out.
 *
 * | dump row                                    | event                                           |
 * |---------------------------------------------|-------------------------------------------------|
 * | question (PostTypeId 1) by u                | u: topic                                        |
 * | answer (2) by u to a question by q          | u: reply; q: reply_received (sentiment of body) |
 * | other post types (tag wikis, nominations)   | u: other                                        |
 * | last edit of a post by u (LastEditDate)     | u: other (earlier edits are not in dumps)       |
 * | comment by u on a post by o                 | u: comment; o: reply_received (sentiment)       |
 * | upvote (VoteTypeId 2) on a post by o        | o: like_received                                |
 * | accept (1) of an answer by o to q's question| o: accepted_received; q: other (q accepted)     |
 * | favourite (5), bounty start (8) with UserId | UserId: other                                   |
 *
 * Not used: badges (mostly awarded by the system, some for merely being a member),
 * Users.CreationDate (registering is not activity), and Users.LastAccessDate, which is the
 * last access as of the dump's end and would leak the future into every snapshot.
 * Sentiment: VADER's compound score (-1..1) of the text with HTML tags stripped.
 */
import { createRequire } from 'node:module';
import type { ChurnEvent } from '../../shared/churn/history';
import { type DumpProgress, readStackExchangeDump } from '../import/stackexchange-xml';

const require = createRequire(import.meta.url);
const vader = require('vader-sentiment') as {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
};

export function textSentiment(htmlOrText: string): number {
  const text = htmlOrText
    .replace(/<pre[\s\S]*?<\/pre>|<code[\s\S]*?<\/code>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return 0;
  return vader.SentimentIntensityAnalyzer.polarity_scores(text.slice(0, 5000)).compound;
}

export interface DumpEvents {
  events: ChurnEvent[];
  /** Latest timestamp of any row read (the dump's end). */
  end: number;
  counts: { posts: number; comments: number; votes: number; members: number };
}

export async function stackExchangeChurnEvents(dir: string, onProgress?: (p: DumpProgress) => void): Promise<DumpEvents> {
  const events: ChurnEvent[] = [];
  const owner = new Map<number, number>();
  const parentOf = new Map<number, number>();
  const answers: { owner: number; parent: number; ts: number; sentiment: number }[] = [];
  const counts = { posts: 0, comments: 0, votes: 0, members: 0 };
  let end = -Infinity;
  const own = (user: number | null, ts: number, kind: ChurnEvent['kind']) => {
    if (user !== null && user > 0) events.push({ memberId: String(user), ts, kind });
  };
  const received = (user: number | undefined | null, from: number | null, ts: number, kind: ChurnEvent['kind'], sentiment?: number) => {
    if (user == null || user <= 0 || user === from) return;
    events.push({ memberId: String(user), ts, kind, ...(sentiment === undefined ? {} : { sentiment }) });
  };
  for await (const row of readStackExchangeDump(dir, { tables: ['Posts', 'Comments', 'Votes'], ...(onProgress ? { onProgress } : {}) })) {
    if (row.table === 'Posts') {
      const p = row.record;
      counts.posts++;
      end = Math.max(end, p.creationDate, p.lastEditDate ?? -Infinity);
      if (p.ownerUserId !== null) owner.set(p.id, p.ownerUserId);
      if (p.parentId !== null) parentOf.set(p.id, p.parentId);
      if (p.postTypeId === 1) own(p.ownerUserId, p.creationDate, 'topic');
      else if (p.postTypeId === 2) {
        own(p.ownerUserId, p.creationDate, 'reply');
        if (p.ownerUserId !== null && p.parentId !== null) {
          answers.push({ owner: p.ownerUserId, parent: p.parentId, ts: p.creationDate, sentiment: textSentiment(p.body) });
        }
      } else own(p.ownerUserId, p.creationDate, 'other');
      if (p.lastEditorUserId !== null && p.lastEditDate !== null) own(p.lastEditorUserId, p.lastEditDate, 'other');
    } else if (row.table === 'Comments') {
      const c = row.record;
      counts.comments++;
      end = Math.max(end, c.creationDate);
      own(c.userId, c.creationDate, 'comment');
      received(owner.get(c.postId), c.userId, c.creationDate, 'reply_received', textSentiment(c.text));
    } else if (row.table === 'Votes') {
      const v = row.record;
      counts.votes++;
      end = Math.max(end, v.creationDate);
      if (v.voteTypeId === 2) received(owner.get(v.postId), null, v.creationDate, 'like_received');
      else if (v.voteTypeId === 1) {
        received(owner.get(v.postId), null, v.creationDate, 'accepted_received');
        const question = parentOf.get(v.postId);
        own(question === undefined ? null : (owner.get(question) ?? null), v.creationDate, 'other');
      } else if ((v.voteTypeId === 5 || v.voteTypeId === 8) && v.userId !== null) own(v.userId, v.creationDate, 'other');
    }
  }
  for (const a of answers) received(owner.get(a.parent), a.owner, a.ts, 'reply_received', a.sentiment);
  counts.members = new Set(events.map((e) => e.memberId)).size;
  return { events, end, counts };
}
