const round = (x: number) => (Math.abs(x) >= 10 ? Math.round(x) : Math.round(x * 10) / 10);

/** User-facing text of the overlay, in one place for translation. */
export const strings = {
  levels: { newcomer: 'newcomer', regular: 'regular', core: 'core', at_risk: 'at risk', lapsed: 'lapsed' },
  components: {
    posts: 'Posts',
    likesReceived: 'Likes received',
    repliesReceived: 'Replies received',
    daysActive: 'Days active',
    views: 'Threads read',
    readingMinutes: 'Minutes reading',
    likesGiven: 'Likes given',
    replies: 'Replies written',
    topics: 'Topics started',
    acceptedAnswers: 'Accepted answers',
  },
  trend: { up: 'rising', down: 'falling', flat: 'steady', new: 'new' },
  trendMark: { up: '↑', down: '↓', flat: '→', new: '' },
  basis: {
    community: 'Compared with this community over the last 180 days, recent activity counting most.',
    provisional: 'Provisional: from the posts seen so far; the daily job will compare it with the community.',
  },
  churnTitle: (risk: number) => `Churn risk ${Math.round(risk * 100)}% (next 30 days)`,
  churnReason: (feature: string, direction: string, value: number, typical: number) =>
    `${feature.replace(/([A-Z])/g, ' $1').toLowerCase()} ${direction === 'raises' ? 'raises' : 'lowers'} it (${round(value)} vs typical ${round(typical)})`,
  badgeLabel: (score: number, level: string, author: string) => `Engagement of ${author}: ${score} of 100, ${level}`,
  loading: 'Community Pulse: loading…',
  error: (e: string) => `Community Pulse could not load scores: ${e}`,
  why: 'Why this score',
  formula: 'Each component is scaled to 0-1 and weighted; the points add up to the score.',
  recs: {
    title: 'Recommended for you',
    show: (n: number) => `Recommended for you (${n})`,
    hide: 'Hide recommendations',
    notInterested: 'Not interested',
    empty: 'Nothing to recommend yet: read a few threads first.',
    loading: 'Finding threads for you…',
    reason: (kind: string, ref: string | null, refTitle: string | null): string => {
      switch (kind) {
        case 'because_you_read':
          return `Because you read “${refTitle ?? ref}”`;
        case 'similar_to':
          return `Similar to “${refTitle ?? ref}”`;
        case 'popular_in_tag':
          return `Popular in #${ref} this week`;
        case 'new_in_tag_you_follow':
          return `New in #${ref}, which you follow`;
        case 'new':
          return 'New in the community';
        default:
          return 'Popular in the community';
      }
    },
  },
};
