/** User-facing text of the overlay, in one place for translation. */
export const strings = {
  levels: { newcomer: 'newcomer', regular: 'regular', core: 'core' },
  components: {
    posts: 'Posts',
    likesReceived: 'Likes received',
    repliesReceived: 'Replies received',
    daysActive: 'Days active',
  },
  badgeLabel: (score: number, level: string, author: string) => `Engagement of ${author}: ${score} of 100, ${level}`,
  loading: 'Community Pulse: loading…',
  error: (e: string) => `Community Pulse could not load scores: ${e}`,
  why: 'Why this score',
  formula: 'Each count is scaled to 0-1 (logarithmic, full at its cap), weighted and summed to 0-100.',
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
