import type { AnnotateRequest } from '../../shared/schemas/annotate';

/** What the extension sends for a thread page of `posts` posts by `authors` people. */
export function annotatePage(site: string, thread: number, posts = 50, authors = 20): AnnotateRequest {
  const start = Date.UTC(2026, 10, 1) + thread * 60_000;
  return {
    site,
    engine: 'discourse',
    thread: {
      id: String(thread),
      title: `Bench thread ${thread}: how do I price a course community?`,
      url: `${site}/t/bench-${thread}/${thread}`,
      category: 'Questions',
      createdAt: new Date(start).toISOString(),
      tags: ['pricing', `tag-${thread % 7}`],
      replyCount: posts - 1,
      likeCount: posts * 2,
      viewCount: posts * 40,
    },
    posts: Array.from({ length: posts }, (_, i) => ({
      id: `${thread}-${i + 1}`,
      number: i + 1,
      author: `ingest_member_${(thread + i) % authors}`,
      createdAt: new Date(start + i * 600_000).toISOString(),
      likeCount: i % 5,
      replyToNumber: i === 0 ? null : Math.max(1, i - (i % 3)),
    })),
  };
}
