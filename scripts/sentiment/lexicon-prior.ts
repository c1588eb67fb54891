import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { HASH_M1, HASH_M2, HASH_Q, type FeatureShape } from '../../shared/sentiment/features';
import { splitTokens } from '../../shared/sentiment/tokenize';
import { CLS_ID } from '../../shared/sentiment/tokenizer-spec';

/**
 * Prior knowledge from the VADER lexicon (C.J. Hutto, MIT licence; read from the
 * `vader-sentiment` package): ~7,500 words and emoticons rated from -4 (most negative) to
 * +4 (most positive) by ten people each. Training pulls each entry's weight towards
 *
 *   prior = kappa * (v / 4) * [-1, 0, +1]  +  kappa * mu * (|v| / 4) * [0, -1, 0]
 *
 * (negative, neutral, positive columns) instead of towards 0, so a rated word the training
 * texts never show still counts, and data overrules the prior where it speaks. One-token
 * entries become vocabulary entries; two- and three-token entries (emoticons such as ":)")
 * set the prior of their hashed n-gram row.
 */
export interface LexiconEntry {
  tokens: string[];
  valence: number;
}

export function readVaderLexicon(): LexiconEntry[] {
  const require = createRequire(import.meta.url);
  const file = path.join(path.dirname(require.resolve('vader-sentiment/package.json')), 'vader_lexicon.txt');
  const out: LexiconEntry[] = [];
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const [word, mean] = line.split('\t');
    if (!word || mean === undefined) continue;
    const v = Number(mean);
    if (!Number.isFinite(v)) continue;
    const tokens = splitTokens(word);
    if (tokens.length === 0 || tokens.length > 3) continue;
    out.push({ tokens, valence: v });
  }
  return out;
}

/**
 * Emoji ratings of the Emoji Sentiment Ranking (Kralj Novak et al. 2015, CC BY-SA 4.0, as
 * the `sentiment` package ships them in build/emoji.json, scale -5..+5): ~750 emoji the
 * VADER lexicon does not rate, brought to VADER's -4..+4 scale.
 */
export function readEmojiLexicon(): LexiconEntry[] {
  const require = createRequire(import.meta.url);
  const file = path.join(path.dirname(require.resolve('sentiment/package.json')), 'build', 'emoji.json');
  const table = JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>;
  const out: LexiconEntry[] = [];
  for (const [emoji, score] of Object.entries(table)) {
    const tokens = splitTokens(emoji);
    if (tokens.length !== 1 || !Number.isFinite(score) || score === 0) continue;
    out.push({ tokens, valence: (score * 4) / 5 });
  }
  return out;
}

/**
 * Rows (vocabulary ids for one token, hashed n-gram rows for two or three) and their prior
 * vectors. Entries whose tokens are not all in the vocabulary are skipped; when two entries
 * land on one row their priors are averaged.
 */
export function lexiconPriorRows(
  entries: readonly LexiconEntry[],
  vocab: ReadonlyMap<string, number>,
  shape: FeatureShape,
  kappa: number,
  mu: number,
): Map<number, [number, number, number]> {
  const sums = new Map<number, { v: [number, number, number]; n: number }>();
  for (const e of entries) {
    const ids = e.tokens.map((t) => vocab.get(t));
    if (ids.some((id) => id === undefined)) continue;
    let row: number;
    if (ids.length === 1) row = ids[0]!;
    else {
      if (shape.ngram < ids.length) continue;
      row = ngramRow(ids as number[], shape);
    }
    if (row === CLS_ID) continue;
    const a = e.valence / 4;
    const p: [number, number, number] = [-kappa * a, -kappa * mu * Math.abs(a), kappa * a];
    const s = sums.get(row);
    if (s) {
      for (let c = 0; c < 3; c++) s.v[c]! += p[c]!;
      s.n++;
    } else sums.set(row, { v: p, n: 1 });
  }
  return new Map([...sums].map(([row, s]) => [row, s.v.map((x) => x / s.n) as [number, number, number]]));
}

/** The hashed row of a bigram or trigram of ids (as forEachFeature computes it). */
export function ngramRow(ids: readonly number[], shape: FeatureShape): number {
  const pair = (ids[0]! * HASH_M1 + ids[1]!) % HASH_Q;
  if (ids.length === 2) return shape.vocabSize + (pair % shape.buckets);
  return shape.vocabSize + ((pair * HASH_M2 + ids[2]!) % shape.buckets);
}
