import { storage } from 'wxt/utils/storage';
import type { ClientScores } from '../../shared/schemas/annotate';
import { detectLanguage } from '../../shared/sentiment/language';

/**
 * On-device mode ("Score posts on this device"), a setting of this browser: when on, the
 * extension scores post text in its offscreen document (transformers.js on the model
 * shipped in public/models/pulse-sentiment, or on a larger Hugging Face model the user
 * chose and consented to download) and sends the Worker only the scores. Post text then
 * never leaves the browser (corrections, which would send it, are off in this mode).
 */
export interface OnDeviceSettings {
  enabled: boolean;
  /**
   * A Hugging Face model id for sentiment, set only once the user consented and it was
   * downloaded and checked; null: the shipped model. Toxicity always comes from the
   * shipped model (hub sentiment models have no toxicity outputs).
   */
  hubModel: string | null;
}

export const onDeviceItem = storage.defineItem<OnDeviceSettings>('local:onDevice', {
  fallback: { enabled: false, hubModel: null },
  version: 1,
});

/** The shipped model's folder under public/models/ (env.localModelPath). */
export const SHIPPED_MODEL = 'pulse-sentiment';

/**
 * A Hugging Face model id: `owner/name`, letters, digits, `-`, `_`, `.`, each part at most
 * 96 characters, no `..`, nothing that could make the URL point elsewhere.
 */
export function parseHubModelId(input: string): { ok: true; id: string } | { ok: false } {
  const id = input.trim();
  const part = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?$/;
  const parts = id.split('/');
  if (parts.length !== 2 || !parts.every((p) => part.test(p)) || id.includes('..') || id.includes('--')) return { ok: false };
  return { ok: true, id };
}

export type SentimentProbs = ClientScores['sentiment']['probs'];

/**
 * A hub model's text-classification labels read as sentiment: names containing
 * "neg"/"neu"/"pos" (any case), or review stars ("1 star" … "5 stars": 1–2 negative,
 * 3 neutral, 4–5 positive). Null when the labels are not sentiment (e.g. LABEL_0/LABEL_1,
 * whose meaning the model does not say) or carry no negative or no positive.
 */
export function sentimentFromLabels(outputs: ReadonlyArray<{ label: string; score: number }>): SentimentProbs | null {
  const sums = { negative: 0, neutral: 0, positive: 0 };
  const seen = new Set<keyof SentimentProbs>();
  for (const { label, score } of outputs) {
    const l = label.toLowerCase();
    const stars = /^([1-5])\s*stars?$/.exec(l);
    let k: keyof SentimentProbs | null = null;
    if (stars) k = Number(stars[1]) <= 2 ? 'negative' : Number(stars[1]) === 3 ? 'neutral' : 'positive';
    else if (l.includes('neg')) k = 'negative';
    else if (l.includes('neu')) k = 'neutral';
    else if (l.includes('pos')) k = 'positive';
    if (!k || !Number.isFinite(score) || score < 0) continue;
    sums[k] += score;
    seen.add(k);
  }
  if (!seen.has('negative') || !seen.has('positive')) return null;
  const total = sums.negative + sums.neutral + sums.positive;
  if (!(total > 0)) return null;
  return { negative: sums.negative / total, neutral: sums.neutral / total, positive: sums.positive / total };
}

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/**
 * The annotate request's `scores` for one text from the model outputs: the shipped
 * model's six probabilities by label, optionally with a hub model's sentiment instead.
 * `prepared` is prepareText(text), what the models read.
 */
export function toClientScores(
  prepared: string,
  model: string,
  shipped: ReadonlyArray<{ label: string; score: number }>,
  sentiment: SentimentProbs | null = null,
): ClientScores {
  const by = new Map(shipped.map((o) => [o.label, clamp01(o.score)]));
  let probs: SentimentProbs = sentiment ?? { negative: by.get('negative') ?? 0, neutral: by.get('neutral') ?? 0, positive: by.get('positive') ?? 0 };
  const sum = probs.negative + probs.neutral + probs.positive;
  probs = sum > 0 ? { negative: probs.negative / sum, neutral: probs.neutral / sum, positive: probs.positive / sum } : { negative: 0, neutral: 1, positive: 0 };
  let label: keyof SentimentProbs = 'negative';
  if (probs.neutral > probs[label]) label = 'neutral';
  if (probs.positive > probs[label]) label = 'positive';
  return {
    model,
    sentiment: { label, probs },
    toxicity: { toxic: by.get('toxic') ?? 0, offensive: by.get('offensive') ?? 0, hate: by.get('hate') ?? 0 },
    language: detectLanguage(prepared),
  };
}

/** Messages between the background and the offscreen document (`target: 'offscreen'`). */
export type OffscreenRequest = { target: 'offscreen'; type: 'score'; texts: string[]; hubModel: string | null };
export type OffscreenReply =
  | { ok: true; scores: ClientScores[]; loadMs: number | null; scoreMs: number }
  /** hub_not_cached: the chosen hub model is no longer in this browser (it is not downloaded again without consent). */
  | { ok: false; error: string; code?: 'hub_not_cached' };

/**
 * Downloading a hub model happens only after the user confirmed it (the options page's
 * second step) and only for a valid id; anything else is refused before any network use.
 */
export async function downloadWithConsent<T>(
  input: string,
  consented: boolean,
  load: (id: string) => Promise<T>,
): Promise<{ ok: true; id: string; value: T } | { ok: false; reason: 'invalid_id' | 'no_consent' | 'failed'; error?: string }> {
  const parsed = parseHubModelId(input);
  if (!parsed.ok) return { ok: false, reason: 'invalid_id' };
  if (!consented) return { ok: false, reason: 'no_consent' };
  try {
    return { ok: true, id: parsed.id, value: await load(parsed.id) };
  } catch (e) {
    return { ok: false, reason: 'failed', error: e instanceof Error ? e.message : String(e) };
  }
}
