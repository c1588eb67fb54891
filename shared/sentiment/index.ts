/**
 * Sentiment and toxicity of a post, in English and Chinese, in well under a millisecond:
 * a linear model over token and hashed token-bigram/trigram features (character n-grams
 * for Chinese, which has no word segmentation: every Han character is a token), trained by
 * `npm run train:sentiment` (see MODEL_CARD.md). Pure TypeScript, no WebAssembly: runs in
 * the Worker and in the extension. The same model runs in transformers.js from
 * extension/public/models/pulse-sentiment/ (pass `prepareText(text)` to get these numbers).
 */
import { createModel, modelLogits, type LoadedModel } from './kernel';
import { detectLanguage, type Language } from './language';
import { MODEL_VERSION, MODEL_VOCAB, MODEL_WEIGHTS } from './weights';

export { prepareText, MAX_TEXT_CHARS } from './prepare';
export type { Language } from './language';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export interface PostScores {
  sentiment: {
    label: SentimentLabel;
    probs: { negative: number; neutral: number; positive: number };
    /** probability of `label` (the largest of probs) */
    confidence: number;
  };
  /** independent probabilities; `toxic` is the overall "flag it" probability */
  toxicity: { toxic: number; offensive: number; hate: number };
  language: Language;
}

/** Changes whenever the weights change: use it in cache keys of stored scores. */
export const SENTIMENT_MODEL_VERSION: string = MODEL_VERSION;

/**
 * A sentiment label counts (in tallies, trends, heat) only when its confidence is at
 * least this: Discourse's sentiment plugin uses 0.6 for the same purpose. Below it the
 * chip still shows, marked uncertain, with the confidence on hover.
 */
export const CONFIDENCE_THRESHOLD = 0.6;

/**
 * Probability at or above which each toxicity output is a "yes" (chosen for macro-F1 on
 * validation data at training time; see MODEL_CARD.md).
 */
export function toxicityThresholds(model: LoadedModel = shippedModel()): { toxic: number; offensive: number; hate: number } {
  const t = model.header.thresholds;
  return { toxic: t.toxic ?? 0.5, offensive: t.offensive ?? 0.5, hate: t.hate ?? 0.5 };
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

let shipped: LoadedModel | null = null;

/** The committed model (weights.ts), decoded on first use (a few milliseconds, once). */
export function shippedModel(): LoadedModel {
  shipped ??= createModel(MODEL_VOCAB, MODEL_WEIGHTS);
  return shipped;
}

/**
 * Scores one post. Never throws on any string (empty, 100 kB, HTML, unpaired surrogates):
 * text beyond MAX_TEXT_CHARS is ignored, non-strings score as the empty text.
 */
export function scoreText(text: string): PostScores {
  return scoreWith(shippedModel(), text);
}

/** scoreText with another model (training and evaluation of new weights). */
export function scoreWith(model: LoadedModel, text: string): PostScores {
  const { logits: z, prepared } = modelLogits(model, text);
  const mx = Math.max(z[0]!, z[1]!, z[2]!);
  const e0 = Math.exp(z[0]! - mx);
  const e1 = Math.exp(z[1]! - mx);
  const e2 = Math.exp(z[2]! - mx);
  const s = e0 + e1 + e2;
  const probs = { negative: e0 / s, neutral: e1 / s, positive: e2 / s };
  let label: SentimentLabel = 'negative';
  let confidence = probs.negative;
  if (probs.neutral > confidence) {
    label = 'neutral';
    confidence = probs.neutral;
  }
  if (probs.positive > confidence) {
    label = 'positive';
    confidence = probs.positive;
  }
  return {
    sentiment: { label, probs, confidence },
    toxicity: { toxic: sigmoid(z[3]!), offensive: sigmoid(z[4]!), hate: sigmoid(z[5]!) },
    language: detectLanguage(prepared),
  };
}
