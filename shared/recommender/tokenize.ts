/**
 * Terms of a title, excerpt or tag for content similarity, in Chinese and English without a
 * segmenter:
 * - Chinese (Han) runs become overlapping character bigrams ("窗口函数" -> 窗口 口函 函数);
 *   a single Han character stands for itself.
 * - Other letters and digits form words: NFKC-folded, lower-cased, a few English suffixes
 *   stripped ("functions" -> "function", "queries" -> "query"), stop words and
 *   one-letter words dropped.
 * Terms carry a prefix (`w:` word, `c:` Chinese bigram) so the two never collide.
 */
const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can do does did for from had has have how i if in into is it its ' +
    'me my no not of on or our so than that the their them then there these they this to too was we ' +
    'were what when where which who why will with would you your yours about after all also any because ' +
    'before being between both could each few get got here more most much other over own same should ' +
    'some such through under until up very via vs while'
  ).split(' '),
);

const RUN = /[\p{L}\p{N}]+/gu;
const HAN_OR_NOT = /\p{Script=Han}+|[^\p{Script=Han}]+/gu;
const HAN = /^\p{Script=Han}/u;

function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith("'s") || word.endsWith('’s')) return word.slice(0, -2);
  if (word.endsWith('ies') && word.length > 4) return word.slice(0, -3) + 'y';
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, -1);
  return word;
}

export function tokenize(text: string): string[] {
  const out: string[] = [];
  const folded = text.normalize('NFKC').toLowerCase();
  for (const run of folded.match(RUN) ?? []) {
    for (const part of run.match(HAN_OR_NOT) ?? []) {
      if (HAN.test(part)) {
        const chars = [...part];
        if (chars.length === 1) out.push('c:' + chars[0]);
        for (let i = 0; i + 1 < chars.length; i++) out.push('c:' + chars[i] + chars[i + 1]);
      } else {
        if (part.length < 2 || STOP_WORDS.has(part)) continue;
        out.push('w:' + stem(part));
      }
    }
  }
  return out;
}

/** A tag as one term, whatever its script: "SQL" and "sql" are the same tag. */
export function tagTerm(tag: string): string {
  return 't:' + tag.normalize('NFKC').toLowerCase().trim();
}
