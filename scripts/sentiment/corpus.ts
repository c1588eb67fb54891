import { readSource, type SourceName } from './datasets';
import { partOf, type Part } from './split';

/** Sentiment classes of the model: 0 negative, 1 neutral, 2 positive. */
export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
/** Toxicity outputs of the model (independent probabilities). */
export const TOXICITY_LABELS = ['toxic', 'offensive', 'hate'] as const;

export interface SentimentExample {
  source: SourceName;
  text: string;
  part: Part;
  /** 0 negative, 1 neutral, 2 positive */
  label: number;
  /** classes the file can hold, as a bitmask: 0b101 for negative/positive files, 0b111 for three classes */
  allowed: number;
}

export interface ToxicityExample {
  source: SourceName;
  text: string;
  part: Part;
  /** toxic, offensive, hate: 1, 0 or -1 where the source does not say */
  targets: [number, number, number];
  /** the file's own label */
  label: number;
}

export const SENTIMENT_SOURCES = ['sst2', 'tweeteval', 'chnsenticorp', 'waimai'] as const satisfies readonly SourceName[];
export const TOXICITY_SOURCES = ['olidTrain', 'olidVal', 'davidson', 'hateval'] as const satisfies readonly SourceName[];
/**
 * No labelled Chinese toxicity data exists here; the Chinese reviews (hotel and delivery,
 * praise and complaints alike) serve as "not toxic" examples, so Chinese posts are not
 * flagged merely because the toxicity data never showed a Han character.
 */
export const NOT_TOXIC_SOURCES = ['chnsenticorp', 'waimai'] as const satisfies readonly SourceName[];

export function sentimentExamples(): SentimentExample[] {
  const out: SentimentExample[] = [];
  for (const source of SENTIMENT_SOURCES) {
    const three = source === 'tweeteval';
    for (const r of readSource(source)) {
      if (three ? r.label > 2 : r.label > 1) throw new Error(`${source}: unexpected label ${r.label}`);
      out.push({
        source,
        text: r.text,
        part: partOf(r.text),
        label: three ? r.label : r.label === 1 ? 2 : 0,
        allowed: three ? 0b111 : 0b101,
      });
    }
  }
  return out;
}

/**
 * Toxicity targets by source:
 * - OLID (offensive 0/1): toxic = offensive = label; hate = 0 when not offensive, else unknown;
 * - Davidson (0 hate, 1 offensive, 2 neither): hate -> 1,1,1; offensive -> 1,1,0; neither -> 0,0,0;
 * - HatEval (hate 0/1): hate = label; toxic = 1 when hateful, else unknown; offensive unknown;
 * - Chinese reviews (NOT_TOXIC_SOURCES): 0, 0, 0.
 */
export function toxicityExamples(): ToxicityExample[] {
  const out: ToxicityExample[] = [];
  for (const source of TOXICITY_SOURCES) {
    for (const r of readSource(source)) {
      let targets: [number, number, number];
      if (source === 'davidson') {
        if (r.label > 2) throw new Error(`davidson: unexpected class ${r.label}`);
        targets = r.label === 0 ? [1, 1, 1] : r.label === 1 ? [1, 1, 0] : [0, 0, 0];
      } else if (source === 'hateval') {
        if (r.label > 1) throw new Error(`hateval: unexpected label ${r.label}`);
        targets = r.label === 1 ? [1, -1, 1] : [-1, -1, 0];
      } else {
        if (r.label > 1) throw new Error(`${source}: unexpected label ${r.label}`);
        targets = r.label === 1 ? [1, 1, -1] : [0, 0, 0];
      }
      out.push({ source, text: r.text, part: partOf(r.text), targets, label: r.label });
    }
  }
  for (const source of NOT_TOXIC_SOURCES) {
    for (const r of readSource(source)) out.push({ source, text: r.text, part: partOf(r.text), targets: [0, 0, 0], label: 0 });
  }
  return out;
}
