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
};
