import { reasonText } from '../../shared/churn/reasons';
import { CHURN_FEATURES, type ChurnFeatureKey } from '../../shared/churn/features';
import { currentLocale, formatNumber, formatPercent, t } from '../lib/i18n';

const FEATURES = new Set<string>(CHURN_FEATURES.map((f) => f.key));

/**
 * The overlay's text (badges, "recommended for you"), from the extension's messages
 * (locales/en.yml, zh_CN.yml) in the chosen language: read through getters, so a page
 * that switches language shows the new one at the next render.
 */
export const strings = {
  get levels() {
    return { newcomer: t('levels.newcomer'), regular: t('levels.regular'), core: t('levels.core'), at_risk: t('levels.atRisk'), lapsed: t('levels.lapsed') };
  },
  get components() {
    return {
      posts: t('overlay.components.posts'),
      likesReceived: t('overlay.components.likesReceived'),
      repliesReceived: t('overlay.components.repliesReceived'),
      daysActive: t('overlay.components.daysActive'),
      views: t('overlay.components.views'),
      readingMinutes: t('overlay.components.readingMinutes'),
      likesGiven: t('overlay.components.likesGiven'),
      replies: t('overlay.components.replies'),
      topics: t('overlay.components.topics'),
      acceptedAnswers: t('overlay.components.acceptedAnswers'),
    };
  },
  get trend() {
    return { up: t('trend.up'), down: t('trend.down'), flat: t('trend.flat'), new: t('trend.new') };
  },
  trendMark: { up: '↑', down: '↓', flat: '→', new: '' },
  get basis() {
    return { community: t('overlay.basis.community'), provisional: t('overlay.basis.provisional') };
  },
  churnTitle: (risk: number) => t('overlay.churnTitle', { risk: formatPercent(risk) }),
  churnReason: (feature: string, direction: string, value: number, typical: number) => {
    const reason = FEATURES.has(feature)
      ? reasonText({ feature: feature as ChurnFeatureKey, value, typical, contribution: 0, direction: direction === 'lowers' ? 'lowers' : 'raises' }, currentLocale().startsWith('zh') ? 'zh' : 'en')
      : t('atRisk.reasonOther', { feature, value: formatNumber(value), typical: formatNumber(typical) });
    return direction === 'lowers' ? t('overlay.churnLowers', { reason }) : t('overlay.churnRaises', { reason });
  },
  badgeLabel: (score: number, level: string, author: string) => t('overlay.badgeLabel', { author, score, level }),
  seen: (topics: number, replies: number) => t('overlay.seen', { topics: formatNumber(topics), replies: formatNumber(replies) }),
  get loading() {
    return t('overlay.loading');
  },
  error: (e: string) => t('overlay.error', { error: e }),
  get why() {
    return t('overlay.why');
  },
  get formula() {
    return t('overlay.formula');
  },
  get dismiss() {
    return t('overlay.dismiss');
  },
  recs: {
    get title() {
      return t('recs.title');
    },
    show: (n: number) => t('recs.show', { n: formatNumber(n) }),
    get hide() {
      return t('recs.hide');
    },
    get notInterested() {
      return t('recs.notInterested');
    },
    get empty() {
      return t('recs.empty');
    },
    get loading() {
      return t('recs.loading');
    },
    reason: (kind: string, ref: string | null, refTitle: string | null): string => {
      const r = { ref: refTitle ?? ref ?? '' };
      switch (kind) {
        case 'because_you_read':
          return t('recs.reason.becauseYouRead', r);
        case 'similar_to':
          return t('recs.reason.similarTo', r);
        case 'popular_in_tag':
          return t('recs.reason.popularInTag', { ref: ref ?? '' });
        case 'new_in_tag_you_follow':
          return t('recs.reason.newInTagYouFollow', { ref: ref ?? '' });
        case 'new':
          return t('recs.reason.new');
        default:
          return t('recs.reason.popular');
      }
    },
  },
};
