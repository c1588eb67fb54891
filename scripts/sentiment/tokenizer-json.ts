import {
  CLS_ID,
  CLS_TOKEN,
  MAX_TOKENS,
  PAD_TOKEN,
  REPLACEMENTS,
  TOKEN_PATTERN,
  UNK_TOKEN,
} from '../../shared/sentiment/tokenizer-spec';

/**
 * The Hugging Face `tokenizer.json` of tokenizer-spec.ts for a vocabulary (index = id).
 *
 * A WordLevel model (transformers.js runs it as its "Legacy" vocabulary lookup, with the
 * unknown token from tokenizer_config.json); the special tokens are vocabulary entries
 * only, not "added tokens", so a post that literally contains "[CLS]" is not turned into
 * the special token (the pre-tokenizer only yields lower-case pieces, so it can never
 * produce them either).
 */
export function tokenizerJson(vocab: readonly string[]): object {
  const vocabObj: Record<string, number> = {};
  vocab.forEach((t, i) => {
    vocabObj[t] = i;
  });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [],
    normalizer: {
      type: 'Sequence',
      normalizers: [
        { type: 'NFKC' },
        { type: 'Lowercase' },
        ...REPLACEMENTS.map((r) => ({ type: 'Replace', pattern: { Regex: r.pattern }, content: r.content })),
      ],
    },
    pre_tokenizer: { type: 'Split', pattern: { Regex: TOKEN_PATTERN }, behavior: 'Removed', invert: true },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: CLS_TOKEN, type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: CLS_TOKEN, type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
      ],
      special_tokens: { [CLS_TOKEN]: { id: CLS_TOKEN, ids: [CLS_ID], tokens: [CLS_TOKEN] } },
    },
    decoder: null,
    model: { type: 'WordLevel', vocab: vocabObj, unk_token: UNK_TOKEN },
  };
}

export function tokenizerConfigJson(): object {
  return {
    tokenizer_class: 'PreTrainedTokenizerFast',
    model_max_length: MAX_TOKENS,
    padding_side: 'right',
    pad_token: PAD_TOKEN,
    unk_token: UNK_TOKEN,
    cls_token: CLS_TOKEN,
    clean_up_tokenization_spaces: false,
  };
}
