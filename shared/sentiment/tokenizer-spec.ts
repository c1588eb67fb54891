/**
 * The tokenizer, written once as data: the TypeScript kernel runs these steps itself and
 * `scripts/sentiment/tokenizer-json.ts` writes the same steps into a Hugging Face
 * `tokenizer.json`, so transformers.js produces the very token ids the kernel uses.
 *
 * Steps (the order matters):
 * 1. Unicode NFKC (full-width Chinese punctuation and letters become ASCII), then lower case.
 * 2. Replacements, in order: fenced and inline code -> ` xxcode `, URLs -> ` xxurl `,
 *    @mentions -> ` xxuser `, curly quotes -> straight ones, emoji variation selectors,
 *    zero-width joiners, keycap marks and skin tones removed.
 * 3. Split into tokens (each a match of TOKEN_PATTERN; everything else, such as white
 *    space and control characters, is dropped): one token per emoji, per Han character
 *    and per kana; runs of other letters (with inner apostrophes: "don't"); runs of digits;
 *    one token per punctuation mark or symbol.
 * 4. Look up each token in the vocabulary (unknown -> [UNK]) and put [CLS] first.
 *
 * The patterns avoid `\s`, `\w`, `\d` and `\b`: the Hugging Face tokenizers library
 * rewrites those Oniguruma escapes, and these strings must mean the same in both places
 * (checked by scripts/sentiment/tokenizer-json.test.ts against @huggingface/tokenizers).
 */

/** Characters that form one token each (no word segmentation exists for them). */
const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';

export const REPLACEMENTS: ReadonlyArray<{ readonly pattern: string; readonly content: string }> = [
  // Markdown fenced code, then inline code.
  { pattern: '```[\\p{White_Space}\\P{White_Space}]*?```', content: ' xxcode ' },
  { pattern: '`[^`\\n]+`', content: ' xxcode ' },
  // URLs (scheme or www.), up to the next white space.
  { pattern: '(?:https?://|www\\.)\\P{White_Space}+', content: ' xxurl ' },
  // @mentions (tweets are already anonymised as @user).
  { pattern: '@[\\p{L}\\p{N}_]+', content: ' xxuser ' },
  { pattern: '[\\u2018\\u2019]', content: "'" },
  { pattern: '[\\u201C\\u201D]', content: '"' },
  { pattern: '[\\u200D\\u20E3\\uFE0E\\uFE0F\\u{1F3FB}-\\u{1F3FF}]', content: '' },
];

const NOT_CJK_LETTER = `(?![${CJK}])[\\p{L}\\p{M}]`;

/** One match is one token. */
export const TOKEN_PATTERN =
  '\\p{Extended_Pictographic}' +
  `|[${CJK}]` +
  `|(?:${NOT_CJK_LETTER})+(?:'(?:${NOT_CJK_LETTER})+)*` +
  '|\\p{Nd}+' +
  '|[\\p{P}\\p{S}]';

export const PAD_TOKEN = '[PAD]';
export const UNK_TOKEN = '[UNK]';
export const CLS_TOKEN = '[CLS]';
/** Ids 0, 1, 2 of every vocabulary. */
export const SPECIAL_TOKENS = [PAD_TOKEN, UNK_TOKEN, CLS_TOKEN] as const;
export const PAD_ID = 0;
export const UNK_ID = 1;
export const CLS_ID = 2;

/** Tokens per text, [CLS] included (the tokenizer's `model_max_length`). */
export const MAX_TOKENS = 2048;
