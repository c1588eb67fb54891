import type { AnnotateRequest } from '../../shared/schemas/annotate';

const SAMPLE_TEXTS = [
  'Thanks, this explanation of window functions finally made it click for me!',
  'I disagree: pricing by cohort makes refunds a nightmare, and the answer above ignores that.',
  '这个方法很有用，我们社区上个月就试过了，效果不错。',
  'Has anyone measured churn after moving from monthly to yearly plans?',
  '完全没用，浪费了我一个小时。',
  'This is a terrible idea and whoever suggested it should know better.',
];

/** What the extension sends for a thread page of `posts` posts by `authors` people (with each post's text). */
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
      text: `${SAMPLE_TEXTS[(thread + i) % SAMPLE_TEXTS.length]} (#${thread}-${i + 1})`,
    })),
  };
}
