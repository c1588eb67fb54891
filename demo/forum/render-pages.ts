// @ts-expect-error plain JS module shared with the browser
import { esc, renderPostHtml } from './assets/discourse-demo-app.js';
import { demoPosts, demoTopic } from './live-topic.data';
import { type DemoTopic, moreTopics } from './more-topics.data';
import { postJson } from './topic-json';

/**
 * Pages of the demo forum rendered on request: the other topics and the topic list
 * (`/latest`), in Discourse's markup as summarised in ../shared/LIVE-DOM.md §1.2 and §1.5
 * (components/topic-list/*.gjs). Reconstructed, not saved from a live forum.
 */
const STYLE = `<style>
  body { font: 15px/1.5 system-ui, "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; max-width: 860px; margin: 0 auto; padding: 0 16px; color: #222; }
  .topic-post { border-top: 1px solid #e9e9e9; padding: 12px 0; } .names a { font-weight: 600; color: #222; text-decoration: none; }
  .names .second, .post-infos { color: #777; font-size: 13px; margin-left: 6px; } .topic-meta-data { display: flex; gap: 8px; align-items: center; }
  .avatar { display: inline-block; width: 32px; height: 32px; border-radius: 50%; background: #d8e2ef; text-align: center; line-height: 32px; }
  .post__row { display: flex; gap: 12px; } .post__body { flex: 1; } button { background: none; border: 0; color: #777; }
  table.topic-list { width: 100%; border-collapse: collapse; } .topic-list td, .topic-list th { padding: 8px; border-bottom: 1px solid #eee; text-align: left; }
  .hidden, .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
</style>`;

function shell(title: string, main: string, canonical: string): string {
  return `<!DOCTYPE html>
<!-- Community Pulse demo forum: reconstructed Discourse markup (see demo/forum/SOURCES.md). -->
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)} - Pulse Demo Forum</title>
<meta name="generator" content="Discourse 3.5.0 - https://github.com/discourse/discourse version (demo reconstruction)">
<meta id="data-discourse-setup" data-base-url="" data-base-uri="">
<link rel="canonical" href="${canonical}">${STYLE}</head>
<body><section id="main" class="ember-application"><header class="d-header"><a href="/">Pulse Demo Forum</a> · <a href="/latest">Latest</a></header>
<div id="main-outlet" class="wrap" role="main">${main}</div></section></body></html>`;
}

export function topicPath(t: { slug: string; id: number }): string {
  return `/t/${t.slug}/${t.id}`;
}

/** A topic as the Ember app renders it (all posts loaded, no preloaded store). */
export function renderTopicPage(t: DemoTopic): string {
  const topic = { id: t.id, slug: t.slug, created_by: t.posts[0]!.username };
  const posts = t.posts.map((p) => renderPostHtml(postJson(p), topic)).join('\n');
  const tags = t.tags.map((tag) => `<a class="discourse-tag" data-tag-name="${esc(tag)}" href="/tag/${esc(tag)}">${esc(tag)}</a>`).join('');
  return shell(
    t.title,
    `<section id="topic" class="topic-area" data-topic-id="${t.id}">
  <div id="topic-title"><div class="title-wrapper"><h1 data-topic-id="${t.id}"><a class="fancy-title" href="${topicPath(t)}">${esc(t.title)}</a></h1>
  <div class="topic-category"><a class="badge-category__wrapper" href="/c/${t.category.id}"><span class="badge-category" data-category-id="${t.category.id}"><span class="badge-category__name">${esc(t.category.name)}</span></span></a>
  <div class="topic-header-extra"><div class="list-tags">${tags}</div></div></div></div></div>
  <div class="posts-wrapper"><div class="post-stream">${posts}</div><div class="post-stream__bottom-boundary"></div></div>
</section>`,
    topicPath(t),
  );
}

interface ListRow {
  id: number;
  slug: string;
  title: string;
  category: { id: number; name: string };
  tags: string[];
  posters: string[];
  replies: number;
  views: number;
  bumpedAt: string;
}

function rowOf(t: DemoTopic): ListRow {
  return {
    id: t.id,
    slug: t.slug,
    title: t.title,
    category: t.category,
    tags: t.tags,
    posters: [...new Set(t.posts.map((p) => p.username))],
    replies: t.posts.length - 1,
    views: t.views,
    bumpedAt: t.posts.at(-1)!.createdAt,
  };
}

/** `/latest`: the topic list (components/topic-list/list.gjs, item.gjs and its cells). */
export function renderLatestPage(crawlerTopic: ListRow): string {
  const live: DemoTopic = { ...demoTopic, posts: demoPosts };
  const rows = [rowOf(live), ...moreTopics.map(rowOf), crawlerTopic].sort((a, b) => b.bumpedAt.localeCompare(a.bumpedAt));
  const tr = (r: ListRow) => `<tr class="topic-list-item category-${r.category.id} ${r.tags.map((t) => `tag-${esc(t)}`).join(' ')}" data-topic-id="${r.id}">
  <td class="main-link clearfix topic-list-data"><span class="link-top-line"><a href="${topicPath(r)}" class="title raw-topic-link" data-topic-id="${r.id}">${esc(r.title)}</a></span>
    <div class="link-bottom-line"><a class="badge-category__wrapper" href="/c/${r.category.id}"><span class="badge-category" data-category-id="${r.category.id}"><span class="badge-category__name">${esc(r.category.name)}</span></span></a>
    <div class="discourse-tags">${r.tags.map((t) => `<a class="discourse-tag" data-tag-name="${esc(t)}" href="/tag/${esc(t)}">${esc(t)}</a>`).join(' ')}</div></div></td>
  <td class="posters topic-list-data">${r.posters.map((u, i) => `<a href="/u/${esc(u)}" data-user-card="${esc(u)}"><img class="avatar" alt="" title="${esc(u)} - ${i === 0 ? 'Original Poster' : 'Frequent Poster'}"></a>`).join('')}</td>
  <td class="num posts-map posts topic-list-data"><a href="${topicPath(r)}" class="badge-posts"><span class="number">${r.replies}</span></a></td>
  <td class="num views topic-list-data"><span class="number">${r.views}</span></td>
  <td class="num activity topic-list-data"><a class="post-activity" href="${topicPath(r)}"><span class="relative-date" data-time="${Date.parse(r.bumpedAt)}" data-format="tiny">${esc(r.bumpedAt.slice(0, 10))}</span></a></td>
</tr>`;
  return shell(
    'Latest topics',
    `<table class="topic-list"><thead><tr><th>Topic</th><th></th><th>Replies</th><th>Views</th><th>Activity</th></tr></thead>
<tbody class="topic-list-body">${rows.map(tr).join('\n')}</tbody></table>`,
    '/latest',
  );
}

export const crawlerTopicRow: ListRow = {
  id: 12483,
  slug: 'congratulations-most-stars-in-2013-github-octoverse',
  title: 'Congratulations, most stars in 2013 GitHub Octoverse!',
  category: { id: 35, name: 'praise' },
  tags: [],
  posters: ['techAPJ', 'codinghorror'],
  replies: 1,
  views: 1828,
  bumpedAt: '2014-02-06T05:27:06.000Z',
};

export { moreTopics };
