/**
 * Content of the reconstructed live Discourse topic of the demo forum. Written for
 * this project (not taken from any forum): a paid study community that writes in
 * Chinese and English. `scripts/build-demo-pages.ts` renders it as Discourse's Ember
 * app would (see live-topic.html) and the demo server serves the later posts as
 * Discourse's `/t/{id}/posts.json` does.
 */
export interface DemoPost {
  id: number;
  number: number;
  username: string;
  name: string;
  /** ISO-8601 */
  createdAt: string;
  /** Cooked HTML, as Discourse stores it. */
  cooked: string;
  likes: number;
  replyTo: number | null;
}

export const demoTopic = {
  id: 4242,
  slug: 'weekly-study-group-sql-window-functions',
  title: '每周学习小组：SQL 窗口函数 / Weekly study group: SQL window functions',
  category: { id: 7, name: '学习小组 Study groups' },
  tags: ['sql', 'study-group'],
  createdAt: '2026-11-16T01:30:00.000Z',
  views: 318,
  /** Posts rendered at first load (Discourse's first window); the rest load while scrolling. */
  firstWindow: 6,
  currentUser: { id: 501, username: 'mei_demo', name: 'Mei Lin' },
};

export const demoPosts: DemoPost[] = [
  {
    id: 90101,
    number: 1,
    username: 'mei_demo',
    name: 'Mei Lin',
    createdAt: '2026-11-16T01:30:00.000Z',
    cooked:
      '<p>大家好！本周我们一起练习 SQL 窗口函数：<code>ROW_NUMBER()</code>、<code>LAG()</code> 和滑动平均。</p><p>Hi all! This week: window functions. Post your solution to exercise 3 below 👇</p>',
    likes: 12,
    replyTo: null,
  },
  {
    id: 90102,
    number: 2,
    username: 'alex_k',
    name: 'Alex Kim',
    createdAt: '2026-11-16T02:05:00.000Z',
    cooked:
      '<p>Here is mine for exercise 3:</p><pre><code class="lang-sql">SELECT day, AVG(sales) OVER (ORDER BY day ROWS 6 PRECEDING) FROM daily;</code></pre><p>Took me a while but it finally clicked. Thanks for organising!</p>',
    likes: 7,
    replyTo: null,
  },
  {
    id: 90103,
    number: 3,
    username: 'xiaoming',
    name: '王小明',
    createdAt: '2026-11-16T03:40:00.000Z',
    cooked: '<p>请问 <code>RANGE</code> 和 <code>ROWS</code> 有什么区别？文档看了好几遍还是不太懂 😅</p>',
    likes: 2,
    replyTo: null,
  },
  {
    id: 90104,
    number: 4,
    username: 'priya_s',
    name: 'Priya S',
    createdAt: '2026-11-16T04:12:00.000Z',
    cooked:
      '<aside class="quote" data-username="xiaoming" data-post="3"><blockquote><p>RANGE 和 ROWS 有什么区别？</p></blockquote></aside><p>ROWS counts physical rows; RANGE groups rows with equal ORDER BY values. With ties they give different results. Good write-up: <a href="https://www.postgresql.org/docs/current/sql-expressions.html#SYNTAX-WINDOW-FUNCTIONS">PostgreSQL docs</a>.</p>',
    likes: 9,
    replyTo: 3,
  },
  {
    id: 90105,
    number: 5,
    username: 'xiaoming',
    name: '王小明',
    createdAt: '2026-11-16T05:00:00.000Z',
    cooked: '<p>明白了，谢谢 Priya！这个解释非常清楚 🙏</p>',
    likes: 3,
    replyTo: 4,
  },
  {
    id: 90106,
    number: 6,
    username: 'jordan_b',
    name: 'Jordan B',
    createdAt: '2026-11-17T09:20:00.000Z',
    cooked: '<p>Honestly these exercises are too easy for a paid course. I expected more.</p>',
    likes: 0,
    replyTo: null,
  },
  {
    id: 90107,
    number: 7,
    username: 'mei_demo',
    name: 'Mei Lin',
    createdAt: '2026-11-17T10:02:00.000Z',
    cooked: '<p>@jordan_b fair point — exercise 5 is the hard one, try the bonus on gaps-and-islands.</p>',
    likes: 4,
    replyTo: 6,
  },
  {
    id: 90108,
    number: 8,
    username: 'li_na',
    name: '李娜',
    createdAt: '2026-11-18T12:45:00.000Z',
    cooked: '<p>我用 <code>LAG()</code> 做了留存分析，效果很好。分享一下我的笔记：先按用户分区，再按日期排序。</p>',
    likes: 6,
    replyTo: null,
  },
  {
    id: 90109,
    number: 9,
    username: 'alex_k',
    name: 'Alex Kim',
    createdAt: '2026-11-19T08:30:00.000Z',
    cooked: '<p>@li_na nice! Could you share the query? I am doing the same for churn.</p>',
    likes: 1,
    replyTo: 8,
  },
  {
    id: 90110,
    number: 10,
    username: 'li_na',
    name: '李娜',
    createdAt: '2026-11-19T11:15:00.000Z',
    cooked:
      '<pre><code class="lang-sql">SELECT user_id, day, day - LAG(day) OVER (PARTITION BY user_id ORDER BY day) AS gap FROM visits;</code></pre>',
    likes: 5,
    replyTo: 9,
  },
  {
    id: 90111,
    number: 11,
    username: 'priya_s',
    name: 'Priya S',
    createdAt: '2026-11-20T07:00:00.000Z',
    cooked: '<p>Next week: recursive CTEs? 下周讲递归 CTE 吧！</p>',
    likes: 8,
    replyTo: 1,
  },
  {
    id: 90112,
    number: 12,
    username: 'mei_demo',
    name: 'Mei Lin',
    createdAt: '2026-11-21T02:00:00.000Z',
    cooked: '<p>好主意！Recursive CTEs it is. See you Sunday 📅</p>',
    likes: 10,
    replyTo: 11,
  },
];
