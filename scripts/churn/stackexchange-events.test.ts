import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackExchangeChurnEvents, textSentiment } from './stackexchange-events';

const CONLANG = join(import.meta.dirname, '../../../shared/data/recsys/stackexchange_conlang');

describe('stackExchangeChurnEvents on the conlang dump', async () => {
  const { events, counts, end } = await stackExchangeChurnEvents(CONLANG);
  const kind = (k: string) => events.filter((e) => e.kind === k);

  it('turns every authored row into the member’s own event', () => {
    // counted by hand in ../shared/data/recsys/stackexchange_conlang:
    //   grep 'PostTypeId="1"' Posts.xml | grep -c 'OwnerUserId="[1-9]'   -> 53 questions by users
    //   grep 'PostTypeId="2"' Posts.xml | grep -c 'OwnerUserId="[1-9]'   -> 109 answers by users
    //   grep -c 'UserId="[1-9]' Comments.xml                             -> 216 comments by users
    expect(kind('topic')).toHaveLength(53);
    expect(kind('reply')).toHaveLength(109);
    expect(kind('comment')).toHaveLength(216);
    expect(counts).toMatchObject({ posts: 177, comments: 230, votes: 1119 });
  });

  it('credits upvotes and accepts to the post’s author, never to nobody', () => {
    // 950 upvotes and 11 accept votes in Votes.xml; those on posts without an owner
    // (deleted users, the Community user) are dropped.
    expect(kind('like_received').length).toBeLessThanOrEqual(950);
    expect(kind('like_received').length).toBeGreaterThan(900);
    expect(kind('accepted_received').length).toBeLessThanOrEqual(11);
    expect(events.every((e) => Number(e.memberId) > 0)).toBe(true);
    expect(new Date(end).toISOString().slice(0, 7)).toBe('2020-08');
  });

  it('gives replies received a sentiment, and never for replying to oneself', () => {
    const replies = kind('reply_received');
    expect(replies.length).toBeGreaterThan(200);
    expect(replies.every((e) => typeof e.sentiment === 'number' && e.sentiment >= -1 && e.sentiment <= 1)).toBe(true);
  });
});

describe('textSentiment', () => {
  it('reads warm and hostile replies, ignoring markup and code', () => {
    expect(textSentiment('<p>Thanks, this is a great answer!</p>')).toBeGreaterThan(0.5);
    expect(textSentiment('This is wrong and a terrible, useless answer.')).toBeLessThan(-0.5);
    expect(textSentiment('<pre><code>kill terrible bad</code></pre>')).toBe(0);
    expect(textSentiment('')).toBe(0);
  });
});
