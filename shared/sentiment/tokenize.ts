import { CLS_ID, MAX_TOKENS, REPLACEMENTS, TOKEN_PATTERN, UNK_ID } from './tokenizer-spec';

const replacements = REPLACEMENTS.map((r) => ({ re: new RegExp(r.pattern, 'gu'), content: r.content }));
const tokenRe = new RegExp(TOKEN_PATTERN, 'gu');

/** Steps 1-2 of tokenizer-spec.ts: NFKC, lower case, replacements. */
export function normalizeText(text: string): string {
  let t = text.normalize('NFKC').toLowerCase();
  for (const r of replacements) t = t.replaceAll(r.re, r.content);
  return t;
}

/**
 * Step 3: the token strings of a text (no [CLS]), at most `limit` of them.
 * `text` should already be prepared (prepareText).
 */
export function splitTokens(text: string, limit = Number.POSITIVE_INFINITY): string[] {
  const out: string[] = [];
  const norm = normalizeText(text);
  tokenRe.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (out.length < limit && (m = tokenRe.exec(norm)) !== null) out.push(m[0]);
  return out;
}

/**
 * All of tokenizer-spec.ts: token ids with [CLS] first, as transformers.js gives them for
 * the same text (including its truncation at MAX_TOKENS). Pass `prepareText(text)`.
 */
export function tokenIds(prepared: string, vocab: ReadonlyMap<string, number>): Int32Array {
  const tokens = splitTokens(prepared, MAX_TOKENS - 1);
  const ids = new Int32Array(tokens.length + 1);
  ids[0] = CLS_ID;
  for (let i = 0; i < tokens.length; i++) ids[i + 1] = vocab.get(tokens[i]!) ?? UNK_ID;
  return ids;
}
