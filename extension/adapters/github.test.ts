import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_FORUMS, load, loadHtml } from '../test/pages';
import { githubAdapter } from './github';

const ISSUE_FILE = path.join(SHARED_FORUMS, 'github/github_issue_56_rendered_dom_defuddle.html');
const ISSUE_URL = 'https://github.com/kepano/defuddle/issues/56';
/** Reconstructed from ../shared/LIVE-DOM.md §3 (see the comment at its top): not a saved page. */
const DISCUSSION_FILE = path.resolve(import.meta.dirname, '../test/fixtures/github-discussion.reconstructed.html');
const DISCUSSION_URL = 'https://github.com/octo-org/widgets/discussions/42';
const DEMO_FORUM = path.resolve(import.meta.dirname, '../../demo/forum');
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

// Expected values were read off the saved HTML by hand (data-testid, relative-time, ids).
describe.each([
  ['the real URL', ISSUE_URL],
  ['an unrelated URL', 'https://example.org/'],
])('GitHub adapter on the saved React issue page kepano/defuddle#56 (%s)', (_label, pageUrl) => {
  const { doc, url } = load(ISSUE_FILE, pageUrl);
  const { page, elements } = githubAdapter.read(doc, url);

  it('is detected', () => {
    expect(githubAdapter.detect(doc, url)).toBe(true);
  });

  it('reads the thread', () => {
    expect(page).toMatchObject({ engine: 'github', kind: 'thread', user: null, problems: [] }); // user-login content=""
    expect(page.thread).toMatchObject({
      id: 'kepano/defuddle#56',
      title: 'Defuddle on Cloudflare Workers', // bdi[data-testid=issue-title]
      url: ISSUE_URL,
      tags: [], // "No labels"
      author: 'jmorrell',
      createdAt: '2025-05-25T20:35:48.000Z',
    });
  });

  it('reads the issue body and the six comments, flat, in order', () => {
    expect(page.posts).toHaveLength(7);
    expect(page.posts.map((p) => [p.id, p.author, p.createdAt])).toEqual([
      ['issue-3089558116', 'jmorrell', '2025-05-25T20:35:48.000Z'],
      ['issuecomment-2908119605', 'jmorrell', '2025-05-25T22:14:08.000Z'],
      ['issuecomment-2930021934', 'masylum', '2025-06-02T10:51:41.000Z'],
      ['issuecomment-2953511555', 'nbbaier', '2025-06-08T04:05:12.000Z'],
      ['issuecomment-2954159954', 'nbbaier', '2025-06-08T16:19:01.000Z'],
      ['issuecomment-2980013482', 'masylum', '2025-06-17T11:35:14.000Z'],
      ['issuecomment-2981017870', 'nbbaier', '2025-06-17T16:23:25.000Z'],
    ]);
    expect(page.posts.map((p) => p.role)).toEqual(['opening', 'reply', 'reply', 'reply', 'reply', 'reply', 'reply']);
    expect(page.posts.every((p) => p.depth === 0 && p.parentId === null && p.isAccepted === null)).toBe(true);
    // Every reaction bar on the page is empty: no 👍.
    expect(page.posts.map((p) => p.likeCount)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(page.posts[0]!.authorUrl).toBe('https://github.com/jmorrell');
    expect(page.posts.at(-1)!.authorUrl).toBe('https://github.com/nbbaier'); // href="/nbbaier"
  });

  it('reads the posts’ own text without header chrome or copy buttons', () => {
    const [first] = page.posts;
    expect(first!.text).toMatch(/^Example repo here: https:\/\/github\.com\/jmorrell\/defuddle-cloudflare-example\nI was looking forward/);
    expect(first!.text).toMatch(/feel free to close the issue$/);
    expect(first!.text).not.toMatch(/Contributor|Edits|Line 213/);
    expect(page.posts[5]!.text).toBe('wrong link to fork');
    expect(page.posts[6]!.text).toBe('Oops! Yes, fixed in the original post. Thanks, @masylum');
  });

  it('anchors posts to the timeline rows and the author link’s container', () => {
    expect([...elements.keys()]).toEqual(page.posts.map((p) => p.id));
    expect(elements.get('issue-3089558116')!.post.getAttribute('data-testid')).toBe('issue-body');
    expect(elements.get('issuecomment-2908119605')!.post.getAttribute('data-wrapper-timeline-id')).toBe('IC_kwDOOAhtcs6tVmI1');
    for (const [id, el] of elements) {
      expect(el.author?.querySelector('a[data-testid="avatar-link"], a[data-testid="issue-body-header-author"]'), id).not.toBeNull();
    }
  });
});

describe.each([
  ['the real URL', DISCUSSION_URL],
  ['an unrelated URL', 'https://example.org/'],
])('GitHub adapter on a Discussion (reconstructed fixture, %s)', (_label, pageUrl) => {
  const fresh = () => load(DISCUSSION_FILE, pageUrl);
  const { doc, url } = fresh();
  const { page, elements } = githubAdapter.read(doc, url);

  it('reads the thread and the signed-in user', () => {
    expect(githubAdapter.detect(doc, url)).toBe(true);
    expect(page).toMatchObject({ engine: 'github', kind: 'thread', user: { username: 'mona-viewer' }, problems: [] });
    expect(page.thread).toEqual({
      id: 'octo-org/widgets#42',
      title: 'How do I cache build outputs between workflow jobs?',
      url: DISCUSSION_URL,
      category: 'Q&A',
      tags: ['ci', 'performance'],
      author: 'alice-q',
      createdAt: '2024-03-04T09:15:00.000Z',
      replyCount: 6, // "3 suggested answers · 3 replies"
      likeCount: 5,
      viewCount: null,
      linkUrl: null,
      score: 12,
    });
  });

  it('nests replies under their answer and marks the chosen answer', () => {
    expect(page.posts.map((p) => [p.id, p.role, p.depth, p.parentId, p.author, p.isAccepted])).toEqual([
      ['discussion-4100042', 'opening', 0, null, 'alice-q', null],
      ['discussioncomment-5000101', 'answer', 0, null, 'bob-b', false],
      ['discussioncomment-5000111', 'comment', 1, 'discussioncomment-5000101', 'alice-q', false],
      ['discussioncomment-5000112', 'comment', 1, 'discussioncomment-5000101', 'bob-b', false],
      ['discussioncomment-5000102', 'answer', 0, null, 'carol-dev', true],
      ['discussioncomment-5000121', 'comment', 1, 'discussioncomment-5000102', 'alice-q', false],
      ['discussioncomment-5000103', 'answer', 0, null, 'dave-ops', false],
    ]);
  });

  it('reads dates, upvotes (the viewer’s own vote included) and 👍 counts', () => {
    expect(page.posts.map((p) => [p.createdAt, p.score, p.likeCount])).toEqual([
      ['2024-03-04T09:15:00.000Z', 12, 5],
      ['2024-03-04T10:02:11.000Z', 3, 0],
      ['2024-03-04T10:30:00.000Z', null, 0],
      ['2024-03-04T11:00:00.000Z', null, 1],
      ['2024-03-05T08:45:30.000Z', 9, 7],
      ['2024-03-05T09:12:00.000Z', null, null],
      ['2024-03-06T17:20:05.000Z', 0, 0],
    ]);
  });

  it('keeps each post’s own words: no quotes, no copy buttons, no replies', () => {
    expect(page.posts[1]!.text).toBe('Upload the folder with actions/upload-artifact and download it in the other jobs.');
    expect(page.posts[4]!.text).toBe("Use actions/cache keyed on the lockfile hash.\nkey: build-${{ hashFiles('package-lock.json') }}");
    expect(page.posts[3]!.text).toBe('Then see the cache answer below, @alice-q.');
    expect(page.posts[0]!.authorUrl).toBe('https://github.com/alice-q');
  });

  it('anchors every post to its container and header', () => {
    expect([...elements.keys()]).toEqual(page.posts.map((p) => p.id));
    for (const [id, el] of elements) {
      expect(el.post.id).toBe(id);
      expect(el.author?.matches('.timeline-comment-header-text'), id).toBe(true);
    }
  });

  it('finds an answer marked on a reply, or a marker wrapping the comment from outside', () => {
    const d1 = fresh().doc;
    const section = d1.querySelector('section[aria-label="Marked as Answer"]')!;
    section.replaceWith(...section.childNodes);
    d1.querySelector('.timeline-chosen-answer')!.classList.remove('timeline-chosen-answer');
    d1.querySelector('.js-discussions-goto-answer-button')!.remove();
    const reply = d1.querySelector('#discussioncomment-5000112')!;
    reply.innerHTML = `<section aria-label="Marked as Answer">${reply.innerHTML}</section>`;
    const r1 = githubAdapter.read(d1, url).page.posts;
    expect(r1.filter((p) => p.isAccepted).map((p) => p.id)).toEqual(['discussioncomment-5000112']);

    const d2 = fresh().doc;
    for (const el of d2.querySelectorAll('section[aria-label="Marked as Answer"], .timeline-chosen-answer, .js-discussions-goto-answer-button')) {
      if (el.tagName === 'SECTION') el.replaceWith(...el.childNodes);
      else el.classList.remove('timeline-chosen-answer', 'js-discussions-goto-answer-button');
    }
    const item = d2.querySelector('#discussioncomment-5000103')!.parentElement!;
    item.innerHTML = `<section aria-label="Marked as Answer">${item.innerHTML}</section>`;
    expect(githubAdapter.read(d2, url).page.posts.filter((p) => p.isAccepted).map((p) => p.id)).toEqual(['discussioncomment-5000103']);
  });

  it('treats a discussion outside Q&A as replies without accepted answers', () => {
    const d = fresh().doc;
    for (const el of d.querySelectorAll('section[aria-label="Marked as Answer"]')) el.replaceWith(...el.childNodes);
    for (const el of d.querySelectorAll('.timeline-chosen-answer, .js-discussions-goto-answer-button, .answered')) {
      el.classList.remove('timeline-chosen-answer', 'js-discussions-goto-answer-button', 'answered');
    }
    d.querySelector('#discussion-comment-count')!.textContent = '3 comments · 3 replies';
    const posts = githubAdapter.read(d, url).page.posts;
    expect(posts.map((p) => p.role)).toEqual(['opening', 'reply', 'reply', 'reply', 'reply', 'reply', 'reply']);
    expect(posts.every((p) => p.isAccepted === null)).toBe(true);
  });
});

describe('GitHub detection', () => {
  it('recognises github.com by host name', () => {
    const { doc } = loadHtml('<p>hi</p>', 'https://example.org/');
    expect(githubAdapter.detect(doc, new URL('https://github.com/owner/repo/issues'))).toBe(true);
    expect(githubAdapter.detect(doc, new URL('https://gist.example.org/github.com'))).toBe(false);
  });

  it('recognises no other engine’s page, whatever the URL', () => {
    let checked = 0;
    for (const dir of readdirSync(SHARED_FORUMS)) {
      for (const f of readdirSync(path.join(SHARED_FORUMS, dir))) {
        const { doc, url } = load(path.join(SHARED_FORUMS, dir, f), 'https://example.org/');
        expect(githubAdapter.detect(doc, url), `${dir}/${f}`).toBe(dir === 'github');
        checked += 1;
      }
    }
    for (const f of readdirSync(DEMO_FORUM).filter((n) => n.endsWith('.html'))) {
      const { doc, url } = load(path.join(DEMO_FORUM, f), 'https://example.org/');
      expect(githubAdapter.detect(doc, url), f).toBe(false);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(10);
  }, 120_000);
});

describe('GitHub adapter robustness', () => {
  it.each([
    ['issue', ISSUE_FILE, ISSUE_URL, /^issue(comment)?-\d+$/],
    ['discussion', DISCUSSION_FILE, DISCUSSION_URL, /^discussion(comment)?-\d+$/],
  ])('never throws on the %s page cut at 25 points, and returns only well-formed posts', (_kind, file, pageUrl, idPattern) => {
    const { html } = load(file, pageUrl);
    for (let i = 0; i < 25; i += 1) {
      const { doc, url } = loadHtml(html.slice(0, Math.floor((html.length * i) / 25)), pageUrl);
      const r = githubAdapter.read(doc, url);
      const ids = new Set(r.page.posts.map((p) => p.id));
      expect(ids.size).toBe(r.page.posts.length);
      for (const p of r.page.posts) {
        expect(p.id).toMatch(idPattern);
        expect(['opening', 'reply', 'answer', 'comment']).toContain(p.role);
        expect([0, 1]).toContain(p.depth);
        if (p.parentId !== null) expect(ids.has(p.parentId)).toBe(true);
        if (p.createdAt !== null) expect(p.createdAt).toMatch(ISO);
        expect(r.elements.has(p.id)).toBe(true);
      }
      expect(r.page.problems.every((m) => m.startsWith('github: '))).toBe(true);
    }
  }, 120_000);

  it('survives posts without authors and garbage attributes', () => {
    const { doc, url } = loadHtml(
      `<meta name="user-login" content="  ">
       <div data-testid="issue-viewer-issue-container"><div data-testid="issue-body">
         <a data-testid="issue-body-header-link" href="#issue-abc"><relative-time datetime="yesterday"></relative-time></a>
         <div data-testid="markdown-body"><script>alert(1)</script>Body</div>
         <div role="toolbar" aria-label="Reactions"><button>👍 lots</button></div></div></div>
       <div data-testid="comment-header" id="issuecomment-12"><relative-time datetime="2024-02-30T99:00:00Z"></relative-time></div>
       <div data-testid="comment-header" id="issuecomment-"></div>
       <div data-testid="comment-header" id="issuecomment-12"></div>`,
      'https://github.com/o/r/issues/9',
    );
    const r = githubAdapter.read(doc, url);
    expect(r.page.user).toBeNull();
    expect(r.page.posts).toEqual([expect.objectContaining({ id: 'issuecomment-12', author: null, createdAt: null })]);
    expect(r.page.problems).toEqual(
      expect.arrayContaining([
        'github: the issue body is missing or has no id',
        'github: post issuecomment-12 has no readable author',
        'github: post issuecomment-12 has no readable date',
      ]),
    );
  });

  it('reads an opening post without its header link from the hovercard subject', () => {
    const { doc, url } = loadHtml(
      `<meta name="hovercard-subject-tag" content="issue:77"><div data-testid="issue-body">
       <a data-testid="issue-body-header-author" href="/ann">ann</a><div data-testid="markdown-body">Hi</div></div>`,
      'https://github.com/o/r/issues/9',
    );
    expect(githubAdapter.read(doc, url).page.posts).toEqual([
      expect.objectContaining({ id: 'issue-77', author: 'ann', authorUrl: 'https://github.com/ann', text: 'Hi', likeCount: null, role: 'opening' }),
    ]);
  });

  it('says so on pages it does not read', () => {
    const { doc } = loadHtml('<p>x</p>', 'https://github.com/');
    expect(githubAdapter.read(doc, new URL('https://github.com/o/r/pull/3')).page).toMatchObject({
      kind: 'other',
      posts: [],
      problems: ['github: pull request conversations are not read'],
    });
    expect(githubAdapter.read(doc, new URL('https://github.com/o/r/discussions/4')).page).toMatchObject({
      kind: 'thread',
      problems: ['github: discussion page with no posts rendered (yet)'],
    });
    expect(githubAdapter.read(doc, new URL('https://github.com/o/r')).page).toMatchObject({ kind: 'other', thread: null, problems: [] });
  });
});
