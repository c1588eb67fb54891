import { Tokenizer } from '@huggingface/tokenizers';
import { PreTrainedTokenizer } from '@huggingface/transformers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareText } from '../../shared/sentiment/prepare';
import { splitTokens, tokenIds } from '../../shared/sentiment/tokenize';
import { MAX_TOKENS } from '../../shared/sentiment/tokenizer-spec';
import { MODEL_VOCAB } from '../../shared/sentiment/weights';
import { readSource, SOURCES, type SourceName } from './datasets';
import { tokenizerConfigJson, tokenizerJson } from './tokenizer-json';

/**
 * The tokenizer.json this project writes, run by Hugging Face's own JavaScript tokenizer
 * (the one transformers.js uses), must give the TypeScript kernel's tokens; and
 * transformers.js's tokenizer, called as its text-classification pipeline calls it
 * (`truncation: true`, which cuts at tokenizer_config.json's model_max_length), must give
 * the kernel's ids, truncation of long posts included.
 */
const vocab = MODEL_VOCAB.split('\n');
const vmap = new Map(vocab.map((t, i) => [t, i]));
const hf = new Tokenizer(tokenizerJson(vocab) as never, tokenizerConfigJson() as never);
const pipelineTokenizer = new PreTrainedTokenizer(tokenizerJson(vocab), tokenizerConfigJson());

function pipelineIds(prepared: string): number[] {
  const enc = pipelineTokenizer(prepared, { truncation: true, return_tensor: false }) as unknown as { input_ids: number[] };
  return enc.input_ids;
}

function same(text: string) {
  const prepared = prepareText(text);
  expect(hf.tokenize(prepared)).toEqual(splitTokens(prepared));
  expect(pipelineIds(prepared)).toEqual(Array.from(tokenIds(prepared, vmap)));
}

describe('tokenizer.json', () => {
  it('gives the kernel tokens on hand-made hostile and mixed texts', () => {
    for (const t of [
      '',
      '   ',
      '[CLS] [UNK] [PAD] hi',
      '<script>alert("x")</script><b>bold</b> &amp; &#128514;',
      'Great post! 谢谢 😂😂 👍🏽 ❤️ 👨‍👩‍👧 1️⃣',
      '```js\nconst x = `a`;\n```\ninline `code` here, see https://ex.com/a?b=1 and www.x.org @Jane_D',
      'ﬃ ㍻ １２３ ＡＢＣ Ελλάδα naïve café ラーメン 한국어 اللغة',
      "it’s “quoted” — don't",
      'a\uD800b\uDC00c',
    ]) {
      same(t);
    }
  });

  it('truncates long posts where the kernel does', () => {
    const long = 'good '.repeat(MAX_TOKENS + 500);
    expect(hf.encode(long).ids.length).toBeGreaterThan(MAX_TOKENS);
    expect(pipelineIds(long)).toHaveLength(MAX_TOKENS);
    same(long);
  });

  it('gives the kernel tokens on every labelled text', () => {
    let n = 0;
    for (const name of Object.keys(SOURCES) as SourceName[]) {
      for (const r of readSource(name)) {
        same(r.text);
        n++;
      }
    }
    // 6,735 + 2,000 + 7,766 + 8,987 + 11,916 + 1,324 + 24,783 + 1,000 rows (SOURCES.md)
    expect(n).toBe(64_511);
  }, 120_000);

  it('gives the kernel tokens on random Unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
        same(s);
      }),
      { numRuns: 2000, seed: 5 },
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'B', '好', '！', '`', '```', 'http://x', '@', 'u', "'", ' ', '\n', '😂', '\uFE0F', '\u200D', '1'), { maxLength: 40 }), (parts) => {
        same(parts.join(''));
      }),
      { numRuns: 2000, seed: 7 },
    );
  }, 60_000);
});
