import type { DemoPost } from './live-topic.data';

/**
 * More topics of the demo forum (written for this project), so that the topic list and
 * "recommended for you" have something to show. Rendered by demo/forum/render-pages.ts.
 */
export interface DemoTopic {
  id: number;
  slug: string;
  title: string;
  category: { id: number; name: string };
  tags: string[];
  createdAt: string;
  views: number;
  posts: DemoPost[];
}

const post = (id: number, number: number, username: string, name: string, createdAt: string, cooked: string, likes = 0, replyTo: number | null = null): DemoPost => ({
  id,
  number,
  username,
  name,
  createdAt,
  cooked,
  likes,
  replyTo,
});

export const moreTopics: DemoTopic[] = [
  {
    id: 4243,
    slug: 'recursive-ctes-next-week',
    title: '递归 CTE 入门 / Getting started with recursive CTEs',
    category: { id: 7, name: '学习小组 Study groups' },
    tags: ['sql', 'study-group'],
    createdAt: '2026-11-22T02:00:00.000Z',
    views: 120,
    posts: [
      post(90201, 1, 'priya_s', 'Priya S', '2026-11-22T02:00:00.000Z', '<p>As promised: recursive CTEs. Start with an org chart: <code>WITH RECURSIVE tree AS (…)</code>.</p>', 6),
      post(90202, 2, 'xiaoming', '王小明', '2026-11-22T04:10:00.000Z', '<p>太好了！递归查询一直是我的弱项。</p>', 2),
    ],
  },
  {
    id: 4244,
    slug: 'retention-analysis-with-lag',
    title: 'Retention analysis with LAG(): share your queries',
    category: { id: 8, name: 'Show and tell' },
    tags: ['sql', 'analytics'],
    createdAt: '2026-11-23T08:30:00.000Z',
    views: 64,
    posts: [
      post(90301, 1, 'li_na', '李娜', '2026-11-23T08:30:00.000Z', '<p>我把留存分析的完整查询整理成了一个帖子，欢迎大家补充。</p>', 9),
      post(90302, 2, 'alex_k', 'Alex Kim', '2026-11-23T09:00:00.000Z', '<p>Great write-up, this saved me an afternoon.</p>', 3),
    ],
  },
  {
    id: 4245,
    slug: 'course-feedback-week-3',
    title: '第三周课程反馈 / Course feedback, week 3',
    category: { id: 9, name: '反馈 Feedback' },
    tags: ['feedback'],
    createdAt: '2026-11-24T10:00:00.000Z',
    views: 41,
    posts: [
      post(90401, 1, 'mei_demo', 'Mei Lin', '2026-11-24T10:00:00.000Z', '<p>What worked, what did not? 欢迎匿名反馈。</p>', 4),
      post(90402, 2, 'jordan_b', 'Jordan B', '2026-11-24T11:30:00.000Z', '<p>More hard exercises please. The pace is too slow for me.</p>', 0),
    ],
  },
  {
    id: 4246,
    slug: 'pandas-vs-sql',
    title: 'Pandas 还是 SQL？When do you reach for which?',
    category: { id: 10, name: '闲聊 Lounge' },
    tags: ['python', 'sql'],
    createdAt: '2026-11-24T20:00:00.000Z',
    views: 88,
    posts: [post(90501, 1, 'alex_k', 'Alex Kim', '2026-11-24T20:00:00.000Z', '<p>I default to SQL until I need a plot. 你们呢？</p>', 5)],
  },
];
