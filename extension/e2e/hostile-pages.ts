/**
 * Pages crafted to attack the extension, in Discourse's live markup (which the adapter
 * reads): usernames and post text that look like HTML (escaped in the page, so only a bug
 * of ours could make them live), `javascript:` links, CSS that hides or spoofs the
 * overlay, 10,000 posts, and a post buried under thousands of nested elements.
 */
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const HOSTILE_NAMES = ['<img src=x onerror=window.__pwned=1>', '"><svg onload=window.__pwned=2>', 'normal_user'];

function post(n: number, author: string, cooked: string, href = `/u/${encodeURIComponent(author)}`): string {
  return `<div class="topic-post" data-post-number="${n}"><article id="post_${n}" data-post-id="${1000 + n}" data-topic-id="77">
<div class="topic-meta-data"><div class="names trigger-user-card"><span class="first username"><a href="${esc(href)}" data-user-card="${esc(author)}">${esc(author)}</a></span></div>
<div class="post-infos"><div class="post-info post-date"><a class="post-date" href="/t/x/77/${n}"><span class="relative-date" data-time="${Date.UTC(2026, 10, 1) + n * 60_000}">1d</span></a></div></div></div>
<div class="post__contents"><div class="cooked">${cooked}</div><section class="post-menu-area"><nav class="post-controls"></nav></section></div>
</article></div>`;
}

function page(title: string, body: string, head = ''): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="generator" content="Discourse 3.5.0 - https://github.com/discourse/discourse version hostile-test">${head}</head>
<body><section id="main"><div id="main-outlet"><section id="topic" data-topic-id="77"><div id="topic-title"><h1 data-topic-id="77"><a class="fancy-title">${esc(title)}</a></h1></div>
<div class="posts-wrapper"><div class="post-stream">${body}</div></div></section></div></section></body></html>`;
}

/** HTML-looking usernames and text, javascript: links, and CSS against the overlay. */
export function hostilePage(): string {
  const css = `<style>
    pulse-badge, pulse-notice { display: none !important; visibility: hidden !important; }
    pulse-badge * { color: red !important; }
  </style>`;
  const posts = [
    post(1, HOSTILE_NAMES[0]!, `<p>${esc('<script>window.__pwned=3</script>')} hello</p><p><a href="javascript:window.__pwned=4">click</a></p>`),
    post(2, HOSTILE_NAMES[1]!, `<p>${esc('<img src=x onerror="window.__pwned=5">')}</p>`, 'javascript:window.__pwned=6'),
    // A spoofed badge in the page's own markup: not ours, and must not be taken for ours.
    post(3, HOSTILE_NAMES[2]!, '<p>I am <pulse-badge>● 100 · core</pulse-badge> trust me</p>'),
  ];
  return page('<b>Hostile</b> topic', posts.join('\n'), css);
}

/** `n` posts by 500 different people. */
export function hugePage(n = 10_000): string {
  const posts: string[] = [];
  for (let i = 1; i <= n; i++) posts.push(post(i, `member_${i % 500}`, `<p>Post number ${i}: 这是第 ${i} 个帖子.</p>`));
  return page(`${n} posts`, posts.join('\n'));
}

/**
 * One post under `depth` nested elements. Browsers' HTML parsers stop nesting at a few
 * hundred levels, so the page's own script builds the depth, as a hostile page would.
 * (Chromium itself crashes near 3,000 levels: 2,000 is as deep as a page can usefully go.)
 */
export function deepPage(depth = 2_000): string {
  const script = `<script>
    const post = document.querySelector('.topic-post');
    const holder = document.createElement('div');
    let at = holder;
    for (let i = 0; i < ${depth}; i++) at = at.appendChild(document.createElement('div'));
    at.appendChild(post);
    document.querySelector('.post-stream').appendChild(holder);
  </script>`;
  return page('Deep', post(1, 'deep_author', '<p>down here</p>')).replace('</body>', `${script}</body>`);
}
