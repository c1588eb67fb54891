import { absoluteUrl, countOf, isoDate, textOf } from '../dom-text';
import { post as postRecord } from '../records';
import type { DomPost } from './ember-dom';

/**
 * The no-JavaScript crawler view Discourse serves inside `<noscript>` (and to
 * crawlers): one `div.crawler-post[itemtype=…DiscussionForumPosting]` per post with
 * schema.org microdata. It shows no post ids, so posts are identified by
 * `<topic id>-<position>`.
 */
const POST = '.crawler-post, [itemtype$="DiscussionForumPosting"]';

function likes(post: Element): number | null {
  for (const stat of post.querySelectorAll('[itemprop="interactionStatistic"]')) {
    const type = stat.querySelector('[itemprop="interactionType"]')?.getAttribute('content') ?? '';
    if (!/LikeAction$/.test(type)) continue;
    const n = stat.querySelector('[itemprop="userInteractionCount"]')?.getAttribute('content');
    return countOf(n) ?? countOf(textOf(stat.querySelector('.post-likes')));
  }
  return null;
}

export function readCrawlerPosts(root: ParentNode, topicId: string, base: URL): DomPost[] {
  const out: DomPost[] = [];
  const seen = new Set<Element>();
  let index = 0;
  for (const post of root.querySelectorAll(POST)) {
    // Nested microdata (e.g. comments inside a post) belongs to its outer post.
    if (seen.has(post) || [...seen].some((p) => p.contains(post))) continue;
    seen.add(post);
    index += 1;
    const creator = post.querySelector('[itemprop="author"]');
    const link = creator?.querySelector('a[itemprop="url"], a[href]') ?? null;
    const author = textOf(creator?.querySelector('[itemprop="name"]')) || null;
    const display = /\(([^()]+)\)\s*$/.exec(textOf(creator))?.[1]?.trim() ?? null;
    const published =
      post.querySelector('meta[itemprop="datePublished"]')?.getAttribute('content') ??
      post.querySelector('time[itemprop="datePublished"]')?.getAttribute('datetime') ??
      post.querySelector('time[datetime]')?.getAttribute('datetime');
    const position = countOf(textOf(post.querySelector('[itemprop="position"]'))) ?? index;
    out.push({
      post: postRecord(`${topicId}-${position}`, {
        number: position,
        author,
        authorName: display && display !== author ? display : null,
        authorUrl: absoluteUrl(link?.getAttribute('href'), base),
        createdAt: isoDate(published),
        text: textOf(post.querySelector('[itemprop="articleBody"], .post'), 'aside.quote, .lightbox-wrapper .meta'),
        likeCount: likes(post),
      }),
      elements: { post, author: creator ?? null },
    });
  }
  return out;
}
