// Stand-in for Discourse's Ember app on the demo forum's reconstructed topic page.
//
// Markup reconstructed from Discourse's own templates as summarised in
// ../shared/LIVE-DOM.md §1 (frontend/discourse/app/components/post.gjs,
// post/meta-data/poster-name.gjs, post/meta-data/date.gjs, post/meta-data/reply-to-tab.gjs,
// post/menu/buttons/like-count.gjs, templates/topic.gjs, post-stream.gjs). It is not
// Discourse's code. The same renderer builds the first window of posts into the HTML
// (scripts/build-demo-pages.ts) and, in the browser, the posts that load while
// scrolling: like Discourse it fetches `/t/{id}/posts.json?post_ids[]=…` when the
// `.load-more-sentinel` below the stream comes into view.

/** @param {string} s */
export function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/**
 * HTML of one post as Discourse's post component renders it.
 * @param {{id:number, post_number:number, username:string, name:string, user_id:number, created_at:string,
 *   cooked:string, reply_to_post_number:number|null, reply_to_user?: {username:string}|null,
 *   actions_summary:Array<{id:number,count:number}>}} p
 * @param {{id:number, slug:string, created_by:string}} topic
 */
export function renderPostHtml(p, topic) {
  const n = p.post_number;
  const likes = (p.actions_summary.find((a) => a.id === 2) || { count: 0 }).count;
  const ms = Date.parse(p.created_at);
  const when = new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  const user = esc(p.username);
  const owner = p.username === topic.created_by ? ' topic-owner post--topic-owner' : '';
  // reply-to-tab.gjs: not rendered when the post answers the one directly above.
  const replyTab =
    p.reply_to_post_number && p.reply_to_post_number !== n - 1 && p.reply_to_user
      ? `<a class="reply-to-tab" href="/t/${esc(topic.slug)}/${topic.id}/${p.reply_to_post_number}" aria-label="in reply to"><span>${esc(p.reply_to_user.username)}</span></a>`
      : '';
  const likeCount = likes > 0 ? `<button class="post-action-menu__like-count like-count btn-flat regular-likes" type="button">${likes}</button>` : '';
  return `<div class="topic-post clearfix regular post--regular${owner}" data-post-number="${n}">
  <article id="post_${n}" class="boxed onscreen-post" data-post-id="${p.id}" data-topic-id="${topic.id}" data-user-id="${p.user_id}" aria-labelledby="post-heading-${n}" role="region">
    <h2 class="sr-only" id="post-heading-${n}">Post #${n} by @${user}</h2>
    <div class="post__row row">
      <div class="topic-avatar"><div class="post-avatar"><a class="trigger-user-card main-avatar" href="/u/${user}" data-user-card="${user}" aria-hidden="true" tabindex="-1"><span class="avatar">${esc(p.username.slice(0, 1).toUpperCase())}</span></a></div></div>
      <div class="post__body topic-body clearfix">
        <div role="heading" aria-level="2" class="topic-meta-data">
          <div class="names trigger-user-card">
            <span class="first full-name"><a href="/u/${user}" data-user-card="${user}">${esc(p.name)}</a></span>
            <span class="second username"><a href="/u/${user}" data-user-card="${user}">${user}</a></span>
          </div>
          <div class="post-infos">
            ${replyTab}
            <div class="post-info post-date"><a class="post-date" href="/t/${esc(topic.slug)}/${topic.id}/${n}"><span class="relative-date" data-time="${ms}" data-format="tiny" title="${esc(when)}">${esc(when)}</span></a></div>
          </div>
        </div>
        <div class="post__regular regular post__contents contents">
          <div class="cooked">${p.cooked}</div>
          <section class="post__menu-area post-menu-area clearfix">
            <nav class="post-controls"><div class="actions">
              <div class="double-button">${likeCount}<button class="post-action-menu__like toggle-like like btn-flat" type="button" data-post-id="${p.id}" title="like this post">♡</button></div>
              <button class="post-action-menu__reply reply btn-flat" type="button">Reply</button>
            </div></nav>
          </section>
        </div>
      </div>
    </div>
  </article>
</div>`;
}

function boot() {
  const store = document.getElementById('data-preloaded');
  const section = document.querySelector('section#topic[data-topic-id]');
  const stream = document.querySelector('.post-stream');
  const sentinel = document.querySelector('.load-more-sentinel');
  if (!store || !section || !stream || !sentinel) return;
  const topicId = section.getAttribute('data-topic-id');
  const topicJson = JSON.parse(JSON.parse(store.getAttribute('data-preloaded'))[`topic_${topicId}`]);
  const topic = { id: topicJson.id, slug: topicJson.slug, created_by: topicJson.details.created_by.username };
  const loaded = new Set(topicJson.post_stream.posts.map((p) => p.id));
  let busy = false;

  async function loadMore() {
    const next = topicJson.post_stream.stream.filter((id) => !loaded.has(id)).slice(0, topicJson.chunk_size);
    if (busy || next.length === 0) return;
    busy = true;
    stream.setAttribute('aria-busy', 'true');
    const query = next.map((id) => `post_ids[]=${id}`).join('&');
    const res = await fetch(`/t/${topicId}/posts.json?${query}`);
    const body = await res.json();
    for (const p of body.post_stream.posts) {
      loaded.add(p.id);
      stream.insertAdjacentHTML('beforeend', renderPostHtml(p, topic));
    }
    stream.removeAttribute('aria-busy');
    busy = false;
    if (topicJson.post_stream.stream.every((id) => loaded.has(id))) {
      sentinel.remove();
      section.querySelector('.posts-wrapper')?.insertAdjacentHTML('beforeend', '<div class="post-stream__bottom-boundary"></div>');
    }
  }

  new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) void loadMore();
  }).observe(sentinel);
}

if (typeof document !== 'undefined') boot();
