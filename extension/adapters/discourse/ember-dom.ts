import { absoluteUrl, countOf, intAttr, isoDate, textOf } from '../dom-text';
import { post as postRecord } from '../records';
import type { PostElements, PostRecord } from '../types';

/**
 * Posts as the running Discourse (Ember) app renders them: `article[data-post-id]`
 * inside `div.topic-post[data-post-number]` (components/post.gjs). Cloaked posts (far
 * off screen) have no article and are skipped until they are rendered again; small
 * actions, loading placeholders and replies embedded in another post are not posts
 * of the stream.
 */
export interface DomPost {
  post: PostRecord;
  elements: PostElements;
}

const ARTICLE = 'article[data-post-id]';

export function readEmberPosts(root: ParentNode, base: URL): DomPost[] {
  const out: DomPost[] = [];
  for (const article of root.querySelectorAll(ARTICLE)) {
    if (article.matches('.small-action, .placeholder') || article.closest('.embedded-posts')) continue;
    const id = article.getAttribute('data-post-id')?.trim();
    if (!id || !/^\d+$/.test(id)) continue;
    const wrapper = article.closest('[data-post-number]');
    const number = intAttr(wrapper, 'data-post-number') ?? Number(/^post_(\d+)$/.exec(article.id)?.[1] ?? NaN);
    const names = article.querySelector('.topic-meta-data .names');
    const userLink = names?.querySelector('a[data-user-card]') ?? null;
    const first = names?.querySelector('span.first');
    const second = names?.querySelector('span.second');
    const author = userLink?.getAttribute('data-user-card')?.trim() || null;
    const fullName = first?.classList.contains('full-name') ? textOf(first) : second ? textOf(second) : '';
    const time = article.querySelector('.post-date .relative-date[data-time], .post-info .relative-date[data-time]');
    const ms = Number(time?.getAttribute('data-time'));
    const controls = article.querySelector('nav.post-controls');
    const likeButton = controls?.querySelector('.like-count, .post-action-menu__like-count');
    const reactions = article.querySelector('.discourse-reactions-counter .reactions-counter');
    const likeCount = reactions ? countOf(textOf(reactions)) : likeButton ? countOf(textOf(likeButton)) : controls ? 0 : null;
    const replyTab = article.querySelector('.post-infos a.reply-to-tab, .reply-to-tab');
    out.push({
      post: postRecord(id, {
        number: Number.isFinite(number) ? number : null,
        author,
        authorName: fullName && fullName !== author ? fullName : null,
        authorUrl: absoluteUrl(userLink?.getAttribute('href'), base),
        createdAt: Number.isFinite(ms) && ms > 0 ? isoDate(ms) : null,
        text: textOf(article.querySelector('.cooked'), 'aside.quote, .quote-controls, .lightbox-wrapper .meta'),
        likeCount,
        replyToUser: replyTab ? textOf(replyTab) || null : null,
      }),
      elements: { post: article, author: names ?? null },
    });
  }
  return out;
}
