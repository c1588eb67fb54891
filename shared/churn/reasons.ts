import type { ChurnFeatureKey } from './features';
import type { ChurnReason } from './model';

/**
 * One line per reason, in English or Chinese, for the moderator's hover card:
 * "No activity for 54 days (typical 24)" / "54 天没有活动（一般 24 天）".
 * The overlay may use its own strings; these keep the wording next to the definitions.
 */
type Lang = 'en' | 'zh';

const TEXT: Record<ChurnFeatureKey, Record<Lang, (v: string, t: string) => string>> = {
  daysSinceActive: { en: (v, t) => `No activity for ${v} days (typical ${t})`, zh: (v, t) => `${v} 天没有活动（一般 ${t} 天）` },
  activeDays30: { en: (v, t) => `Active on ${v} days in the last 30 (typical ${t})`, zh: (v, t) => `近 30 天活跃 ${v} 天（一般 ${t} 天）` },
  activeDays90: { en: (v, t) => `Active on ${v} days in the last 90 (typical ${t})`, zh: (v, t) => `近 90 天活跃 ${v} 天（一般 ${t} 天）` },
  activeDaysTotal: { en: (v, t) => `Active on ${v} days in all (typical ${t})`, zh: (v, t) => `累计活跃 ${v} 天（一般 ${t} 天）` },
  tenureDays: { en: (v, t) => `First active ${v} days ago (typical ${t})`, zh: (v, t) => `首次活跃于 ${v} 天前（一般 ${t} 天）` },
  overdue: { en: (v, t) => `Away ${v}× their usual gap (typical ${t}×)`, zh: (v, t) => `离开时间是平常间隔的 ${v} 倍（一般 ${t} 倍）` },
  frequencyTrend: { en: (v, t) => `Activity trend ${v} (-1 stopping, +1 growing; typical ${t})`, zh: (v, t) => `活跃趋势 ${v}（-1 停止，+1 增长；一般 ${t}）` },
  authored30: { en: (v, t) => `${v} posts and comments in the last 30 days (typical ${t})`, zh: (v, t) => `近 30 天发帖和评论 ${v} 条（一般 ${t} 条）` },
  topicShare: { en: (v, t) => `${v} of their posts open topics (typical ${t})`, zh: (v, t) => `发帖中 ${v} 是新主题（一般 ${t}）` },
  views30: { en: (v, t) => `${v} views in the last 30 days (typical ${t})`, zh: (v, t) => `近 30 天浏览 ${v} 次（一般 ${t} 次）` },
  readingMinutes30: { en: (v, t) => `${v} minutes of reading in the last 30 days (typical ${t})`, zh: (v, t) => `近 30 天阅读 ${v} 分钟（一般 ${t} 分钟）` },
  repliesReceived30: { en: (v, t) => `${v} replies received in the last 30 days (typical ${t})`, zh: (v, t) => `近 30 天收到回复 ${v} 条（一般 ${t} 条）` },
  likesReceived30: { en: (v, t) => `${v} likes received in the last 30 days (typical ${t})`, zh: (v, t) => `近 30 天收到点赞 ${v} 个（一般 ${t} 个）` },
  acceptedReceived90: { en: (v, t) => `${v} answers accepted in the last 90 days (typical ${t})`, zh: (v, t) => `近 90 天回答被采纳 ${v} 次（一般 ${t} 次）` },
  daysSinceReceived: { en: (v, t) => `Last reply or like received ${v} days ago (typical ${t})`, zh: (v, t) => `${v} 天前最后一次收到回复或点赞（一般 ${t} 天）` },
  replySentiment90: { en: (v, t) => `Tone of replies received: ${v} (-1 hostile, +1 warm; typical ${t})`, zh: (v, t) => `收到回复的语气 ${v}（-1 敌意，+1 友好；一般 ${t}）` },
  awaitingReply: { en: (v) => (v === '1' ? 'Waiting for a reply to their latest topic' : 'Not waiting for a reply'), zh: (v) => (v === '1' ? '最新主题还在等待回复' : '没有在等待回复') },
};

function fmt(key: ChurnFeatureKey, x: number): string {
  if (key === 'topicShare') return `${Math.round(100 * x)}%`;
  if (key === 'frequencyTrend' || key === 'replySentiment90') return x.toFixed(2);
  if (key === 'overdue') return x.toFixed(1);
  return String(Math.round(x));
}

export function reasonText(reason: ChurnReason, lang: Lang = 'en'): string {
  return TEXT[reason.feature][lang](fmt(reason.feature, reason.value), fmt(reason.feature, reason.typical));
}
