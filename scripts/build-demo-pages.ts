/**
 * npm run demo:build — writes the demo forum's two topic pages (committed):
 *
 * - demo/forum/crawler-topic.html: the real saved meta.discourse.org topic from
 *   ../shared/data/forums/discourse/ as a visitor without JavaScript sees it. Its app
 *   scripts load from meta.discourse.org, which no machine here reaches, so they are
 *   removed, with the external stylesheets; the `<noscript>` crawler view is unwrapped.
 *   Nothing else is changed.
 * - demo/forum/live-topic.html: a topic as Discourse's running Ember app renders it,
 *   reconstructed from Discourse's templates (see demo/forum/assets/discourse-demo-app.js)
 *   with content written for this project (demo/forum/live-topic.data.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
// @ts-expect-error plain JS module shared with the browser
import { esc, renderPostHtml } from '../demo/forum/assets/discourse-demo-app.js';
import { demoTopic } from '../demo/forum/live-topic.data';
import { preloadedStore, topicJson } from '../demo/forum/topic-json';

const root = path.resolve(import.meta.dirname, '..');
const SOURCE = '../shared/data/forums/discourse/discourse_topic_meta_2020_appshell_with_noscript_crawler_view_onebox.html';

const DEMO_CSS = `
  body { font: 15px/1.5 system-ui, "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; max-width: 820px; margin: 0 auto; padding: 0 16px; color: #222; }
  .hidden, .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .topic-post, .crawler-post { border-top: 1px solid #e9e9e9; padding: 12px 0; }
  .names a, .creator a { font-weight: 600; color: #222; text-decoration: none; }
  .names .second, .post-infos { color: #777; font-size: 13px; margin-left: 6px; }
  .topic-meta-data { display: flex; align-items: center; gap: 8px; }
  .avatar { display: inline-block; width: 32px; height: 32px; border-radius: 50%; background: #d8e2ef; text-align: center; line-height: 32px; }
  .post__row { display: flex; gap: 12px; } .post__body { flex: 1; }
  button { background: none; border: 0; color: #777; cursor: pointer; }
  pre { background: #f6f6f6; padding: 8px; overflow: auto; }
  img { max-width: 100%; height: auto; }
  .load-more-sentinel { height: 40px; }
  .demo-note { background: #fff8d6; border: 1px solid #efe0a0; padding: 6px 10px; font-size: 13px; }
`;

function buildCrawlerPage(): string {
  const html = readFileSync(path.resolve(root, SOURCE), 'utf8');
  // Scripting is off in this parse, so <noscript> content is parsed as real markup.
  const dom = new JSDOM(html);
  const doc = dom.window.document;
  for (const el of doc.querySelectorAll('script, link[rel="stylesheet"], link[rel="preload"], link[rel="modulepreload"], link[as="script"]')) {
    el.remove();
  }
  for (const ns of doc.querySelectorAll('noscript')) ns.replaceWith(...ns.childNodes);
  const style = doc.createElement('style');
  style.textContent = DEMO_CSS;
  doc.head.append(style);
  const note = doc.createComment(
    ` Community Pulse demo forum. Real page: ${SOURCE.replace('../shared/data/', 'shared/data/')} ` +
      '(discourse/onebox @ c27aebce, spec/fixtures/discourse_topic.response, MIT; meta.discourse.org topic 12483). ' +
      'Built by scripts/build-demo-pages.ts: scripts and external stylesheets removed, the <noscript> crawler view ' +
      'unwrapped, a small inline stylesheet added. Otherwise unchanged. ',
  );
  doc.documentElement.prepend(note);
  return dom.serialize();
}

function buildLivePage(): string {
  const t = topicJson();
  const topic = { id: t.id, slug: t.slug, created_by: t.details.created_by.username };
  const url = `/t/${t.slug}/${t.id}`;
  const posts = t.post_stream.posts.map((p) => renderPostHtml(p, topic)).join('\n');
  const tags = demoTopic.tags
    .map((tag) => `<a class="discourse-tag simple" data-tag-name="${esc(tag)}" href="/tag/${esc(tag)}">${esc(tag)}</a>`)
    .join('');
  return `<!DOCTYPE html>
<!--
  Community Pulse demo forum: a Discourse topic as the running Ember app renders it.
  RECONSTRUCTED, not saved from a live forum (none was available): the markup follows
  Discourse's templates as summarised in ../shared/LIVE-DOM.md §1 (templates/topic.gjs,
  components/post.gjs, post-stream.gjs, topic-category.gjs, header/user-dropdown.gjs,
  application.html.erb for #data-preloaded); the content is written for this project
  (demo/forum/live-topic.data.ts). Built by scripts/build-demo-pages.ts.
-->
<html lang="zh-CN" class="desktop-view not-mobile-device text-size-normal">
<head>
<meta charset="utf-8">
<title>${esc(t.title)} - Pulse Demo Forum</title>
<meta name="generator" content="Discourse 3.5.0 - https://github.com/discourse/discourse version (demo reconstruction)">
<meta id="data-discourse-setup" data-base-url="" data-base-uri="" data-environment="production" data-default-locale="zh_CN">
<meta name="csrf-token" content="demo">
<link rel="canonical" href="${url}">
<meta property="og:title" content="${esc(t.title)}">
<style>${DEMO_CSS}</style>
</head>
<body class="archetype-regular category-study-groups">
<section id="main" class="ember-application">
  <header class="d-header"><div class="wrap"><div class="contents">
    <a href="/" class="title">Pulse Demo Forum</a>
    <ul class="icons d-header-icons"><li id="current-user" class="header-dropdown-toggle current-user"><button id="toggle-current-user" class="icon btn-flat" aria-label="profile"><span class="avatar">M</span></button></li></ul>
  </div></div></header>
  <p class="demo-note">Demo page: reconstructed Discourse markup. More posts load as you scroll, as on a real Discourse forum.</p>
  <div id="main-outlet" class="wrap" role="main">
    <section id="topic" class="topic-area" data-topic-id="${t.id}">
      <div id="topic-title"><div class="title-wrapper">
        <h1 data-topic-id="${t.id}"><a class="fancy-title" href="${url}">${esc(t.fancy_title)}</a></h1>
        <div class="topic-category">
          <a class="badge-category__wrapper" href="/c/study-groups/${demoTopic.category.id}"><span class="badge-category" data-category-id="${demoTopic.category.id}"><span class="badge-category__name">${esc(demoTopic.category.name)}</span></span></a>
          <div class="topic-header-extra"><div class="list-tags">${tags}</div></div>
        </div>
      </div></div>
      <div class="posts-wrapper">
        <div class="post-stream">
${posts}
        </div>
        <div class="load-more-sentinel" aria-hidden="true"></div>
      </div>
    </section>
  </div>
</section>
<div class="hidden" id="data-preloaded" data-preloaded="${esc(JSON.stringify(preloadedStore()))}"></div>
<script type="module" src="/assets/discourse-demo-app.js"></script>
</body>
</html>
`;
}

writeFileSync(path.join(root, 'demo/forum/crawler-topic.html'), buildCrawlerPage());
writeFileSync(path.join(root, 'demo/forum/live-topic.html'), buildLivePage());
process.stdout.write('wrote demo/forum/crawler-topic.html and demo/forum/live-topic.html\n');
