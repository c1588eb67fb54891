import { type SQL, sql } from 'drizzle-orm';
import type { ClientScores, PostSentiment } from '../../../shared/schemas/annotate';
import {
  CONFIDENCE_THRESHOLD,
  type PostScores,
  prepareText,
  scoreText,
  SENTIMENT_MODEL_VERSION,
  toxicityThresholds,
} from '../../../shared/sentiment/index';

/**
 * Sentiment and toxicity of post texts, each text scored once per model version: scores
 * live in `text_scores` keyed by SHA-256 of the prepared text (prepareText: capped,
 * unpaired surrogates replaced) and SENTIMENT_MODEL_VERSION. The text itself is never
 * stored. Statements are returned rather than run so the route can put them in its batches.
 */

const encoder = new TextEncoder();

/** Hex SHA-256 of the text as the model reads it. */
export async function textHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(prepareText(text)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Hashes of the texts that have one, by post id. */
export async function hashTexts(posts: ReadonlyArray<{ id: string; text?: string | undefined }>): Promise<Map<string, string>> {
  const withText = posts.filter((p): p is { id: string; text: string } => typeof p.text === 'string');
  const hashes = await Promise.all(withText.map((p) => textHash(p.text)));
  return new Map(withText.map((p, i) => [p.id, hashes[i]!]));
}

export interface StoredScore {
  text_hash: string;
  label: PostScores['sentiment']['label'];
  negative: number;
  neutral: number;
  positive: number;
  confidence: number;
  toxic: number;
  offensive: number;
  hate: number;
  language: string;
}

const COLUMNS = sql.raw('text_hash, label, negative, neutral, positive, confidence, toxic, offensive, hate, language');

/** Reads the stored scores of some hashes under the current model. */
export function lookupScores(hashes: Iterable<string>): SQL {
  return sql`SELECT ${COLUMNS} FROM text_scores
    WHERE model_version = ${SENTIMENT_MODEL_VERSION} AND text_hash IN (SELECT value FROM json_each(${JSON.stringify([...new Set(hashes)])}))`;
}

/** Scores the texts whose hash has no stored score: hash -> row. */
export function scoreMissing(texts: ReadonlyMap<string, string>, stored: ReadonlyMap<string, StoredScore>): Map<string, StoredScore> {
  const out = new Map<string, StoredScore>();
  for (const [hash, text] of texts) {
    if (stored.has(hash) || out.has(hash)) continue;
    const s = scoreText(text);
    out.set(hash, {
      text_hash: hash,
      label: s.sentiment.label,
      ...s.sentiment.probs,
      confidence: s.sentiment.confidence,
      ...s.toxicity,
      language: s.language,
    });
  }
  return out;
}

/** One INSERT for any number of new scores (one JSON parameter); a race stores once. */
export function insertScores(rows: Iterable<StoredScore>, source: 'worker' | 'device', now: number): SQL | null {
  const list = [...rows];
  if (list.length === 0) return null;
  return sql`INSERT INTO text_scores (${COLUMNS}, model_version, source, created_at)
    SELECT j.value ->> '$.text_hash', j.value ->> '$.label', j.value ->> '$.negative', j.value ->> '$.neutral',
           j.value ->> '$.positive', j.value ->> '$.confidence', j.value ->> '$.toxic', j.value ->> '$.offensive',
           j.value ->> '$.hate', j.value ->> '$.language', ${SENTIMENT_MODEL_VERSION}, ${source}, ${now}
    FROM json_each(${JSON.stringify(list)}) j WHERE true
    ON CONFLICT (text_hash, model_version) DO NOTHING`;
}

/** What moderators see of a post's scores. */
export function toPostSentiment(id: string, s: StoredScore, cached: boolean): PostSentiment {
  const t = toxicityThresholds();
  const flagged = (['toxic', 'offensive', 'hate'] as const).filter((k) => s[k] >= t[k]);
  return {
    id,
    sentiment: {
      label: s.label,
      probs: { negative: s.negative, neutral: s.neutral, positive: s.positive },
      confidence: s.confidence,
      uncertain: s.confidence < CONFIDENCE_THRESHOLD,
    },
    toxicity: { toxic: s.toxic, offensive: s.offensive, hate: s.hate, flagged },
    language: s.language,
    model: SENTIMENT_MODEL_VERSION,
    cached,
  };
}

/** Prefix of `model` in answers made from a browser's own scores (on-device mode). */
export const DEVICE_MODEL_PREFIX = 'device:';

/**
 * What moderators see of scores a browser made (on-device mode, validated by
 * clientScoresSchema): the same shape as the Worker's own, `model` "device:<model>",
 * never cached. They are not written anywhere.
 */
export function fromClientScores(id: string, s: ClientScores): PostSentiment {
  const { probs, label } = s.sentiment;
  const out = toPostSentiment(
    id,
    { text_hash: '', label, ...probs, confidence: probs[label], ...s.toxicity, language: s.language },
    false,
  );
  return { ...out, model: `${DEVICE_MODEL_PREFIX}${s.model}` };
}

/** The single toxicity label a correction is compared with (offensive and hate imply toxic). */
export function toxicityLabel(s: Pick<StoredScore, 'toxic' | 'offensive' | 'hate'>): 'not_toxic' | 'offensive' | 'hate' {
  const t = toxicityThresholds();
  if (s.hate >= t.hate) return 'hate';
  if (s.offensive >= t.offensive || s.toxic >= t.toxic) return 'offensive';
  return 'not_toxic';
}
