import vader from 'vader-sentiment';
import Sentiment from 'sentiment';

/**
 * The two lexicon baselines of issue 5, each turned into a class with its usual rule:
 * - VADER: compound >= 0.05 positive, <= -0.05 negative, else neutral (its authors'
 *   thresholds);
 * - AFINN (`sentiment` package): score > 0 positive, < 0 negative, 0 neutral.
 * On a two-class file (negative/positive) a method may not answer "neutral": every method,
 * the model included, picks the more likely of negative and positive (VADER and AFINN:
 * score >= 0 is positive), so no method loses points for a class the file cannot hold.
 * For offensive language a lexicon can only say "negative": offensive = VADER compound
 * <= -0.05, AFINN score < 0.
 */
export type Baseline = 'vader' | 'afinn';

const afinn = new Sentiment();

export function baselineScore(method: Baseline, text: string): number {
  if (method === 'vader') return vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
  return afinn.analyze(text).score;
}

/** 0 negative, 1 neutral, 2 positive. */
export function baselineSentiment3(method: Baseline, text: string): number {
  const s = baselineScore(method, text);
  const eps = method === 'vader' ? 0.05 : 0;
  if (method === 'vader' ? s >= eps : s > eps) return 2;
  if (method === 'vader' ? s <= -eps : s < -eps) return 0;
  return 1;
}

/** 0 negative, 1 positive. */
export function baselineSentiment2(method: Baseline, text: string): number {
  return baselineScore(method, text) >= 0 ? 1 : 0;
}

/** 1 offensive, 0 not. */
export function baselineOffensive(method: Baseline, text: string): number {
  const s = baselineScore(method, text);
  return (method === 'vader' ? s <= -0.05 : s < 0) ? 1 : 0;
}
