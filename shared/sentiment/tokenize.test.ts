import { describe, expect, it } from 'vitest';
import { normalizeText, splitTokens, tokenIds } from './tokenize';
import { CLS_ID, MAX_TOKENS, UNK_ID } from './tokenizer-spec';

describe('splitTokens', () => {
  it('splits English into lower-case words and punctuation, keeping contractions', () => {
    expect(splitTokens("I DON'T like it... at all!")).toEqual(['i', "don't", 'like', 'it', '.', '.', '.', 'at', 'all', '!']);
  });

  it('makes every Han character a token and folds full-width punctuation', () => {
    expect(splitTokens('好吃！送的也快～')).toEqual(['好', '吃', '!', '送', '的', '也', '快', '~']);
  });

  it('handles mixed text, emoji with modifiers, URLs, mentions and code', () => {
    expect(splitTokens('SQL的窗口函数 rocks 👍🏽❤️ see https://ex.com/a?b=1 @Jane_D')).toEqual([
      'sql', '的', '窗', '口', '函', '数', 'rocks', '👍', '❤', 'see', 'xxurl', 'xxuser',
    ]);
    expect(splitTokens('try `SELECT 1` or\n```sql\nSELECT * FROM t;\n```\nthanks')).toEqual(['try', 'xxcode', 'or', 'xxcode', 'thanks']);
  });

  it('reads curly apostrophes as straight ones', () => {
    expect(splitTokens('it’s great')).toEqual(["it's", 'great']);
  });

  it('drops white space and control characters, and never yields an empty token', () => {
    expect(splitTokens(' \t\n\u0000\u200b ')).toEqual([]);
    for (const t of splitTokens('<script>alert("x")</script> \uFFFD')) expect(t.length).toBeGreaterThan(0);
  });

  it('stops at the limit', () => {
    expect(splitTokens('a b c d e', 3)).toEqual(['a', 'b', 'c']);
  });
});

describe('normalizeText', () => {
  it('applies NFKC before lower-casing', () => {
    expect(normalizeText('ＡＢＣ１２３ ﬃ')).toBe('abc123 ffi');
  });
});

describe('tokenIds', () => {
  const vocab = new Map([
    ['[PAD]', 0],
    ['[UNK]', 1],
    ['[CLS]', 2],
    ['good', 3],
  ]);
  it('puts [CLS] first and maps unknown tokens to [UNK]', () => {
    expect(Array.from(tokenIds('Good grief', vocab))).toEqual([CLS_ID, 3, UNK_ID]);
    expect(Array.from(tokenIds('', vocab))).toEqual([CLS_ID]);
  });
  it('never exceeds MAX_TOKENS', () => {
    expect(tokenIds('good '.repeat(5000), vocab)).toHaveLength(MAX_TOKENS);
  });
});
