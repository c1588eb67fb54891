import { absoluteUrl, countOf, textOf } from '../dom-text';
import { thread as threadRecord } from '../records';
import type { ListingElements, ThreadRecord } from '../types';

/**
 * Discourse's topic list (`/latest`, categories, tags): `tr.topic-list-item[data-topic-id]`
 * rows (components/topic-list/item.gjs and its cells; ../shared/LIVE-DOM.md §1.5). The
 * "last visit" separator rows are not topics. More rows load while scrolling
 * (`div.load-more-sentinel`): the shared observer re-reads the list.
 */
export function readTopicList(root: ParentNode, base: URL): { listing: ThreadRecord[]; elements: Map<string, ListingElements> } {
  const listing: ThreadRecord[] = [];
  const elements = new Map<string, ListingElements>();
  for (const row of root.querySelectorAll('tr.topic-list-item[data-topic-id]')) {
    const id = row.getAttribute('data-topic-id')?.trim();
    if (!id || !/^\d+$/.test(id) || elements.has(id)) continue;
    const link = row.querySelector('a.title.raw-topic-link, a.title');
    const href = link?.getAttribute('href') ?? null;
    // The link may point at the last unread post (`/t/slug/id/N`): the topic is `/t/slug/id`.
    const url = absoluteUrl(href?.replace(/^(\/t\/[^/]+\/\d+)\/\d+\/?$/, '$1'), base);
    const poster = row.querySelector('td.posters a[data-user-card]');
    const firstPoster = poster?.getAttribute('data-user-card') ?? null;
    const replies = row.querySelector('td.posts .number, .posts-map .number, a.badge-posts .number');
    const views = row.querySelector('td.views .number');
    listing.push(
      threadRecord(id, {
        title: textOf(link) || null,
        url,
        category: textOf(row.querySelector('.link-bottom-line .badge-category__name, .badge-category__name')) || null,
        tags: [...row.querySelectorAll('.discourse-tags a.discourse-tag, .discourse-tag')]
          .map((t) => t.getAttribute('data-tag-name') || textOf(t))
          .filter((t, i, all) => t && all.indexOf(t) === i),
        author: firstPoster,
        replyCount: countOf(views === replies ? null : (replies?.getAttribute('title') ?? textOf(replies))),
        viewCount: countOf(views?.getAttribute('title') ?? textOf(views)),
        // The list shows the last activity, not the topic's start.
        createdAt: null,
      }),
    );
    elements.set(id, { row, title: link });
  }
  return { listing, elements };
}
