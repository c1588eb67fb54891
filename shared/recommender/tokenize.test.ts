import { describe, expect, it } from 'vitest';
import { tagTerm, tokenize } from './tokenize';

describe('tokenize', () => {
  it('keeps English content words, lower-cased and lightly stemmed', () => {
    expect(tokenize('How do Window Functions work with the Queries?')).toEqual(['w:window', 'w:function', 'w:work', 'w:query']);
  });

  it('cuts Chinese into overlapping character bigrams without a segmenter', () => {
    expect(tokenize('窗口函数')).toEqual(['c:窗口', 'c:口函', 'c:函数']);
    expect(tokenize('学')).toEqual(['c:学']);
  });

  it('splits mixed Chinese and English runs, and folds full-width letters', () => {
    expect(tokenize('ＳＱＬ窗口函数入门')).toEqual(['w:sql', 'c:窗口', 'c:口函', 'c:函数', 'c:数入', 'c:入门']);
    expect(tokenize('学习 SQL，很难')).toEqual(['c:学习', 'w:sql', 'c:很难']);
  });

  it('gives tags their own namespace', () => {
    expect(tagTerm(' SQL ')).toBe('t:sql');
    expect(tokenize('sql')).not.toContain(tagTerm('sql'));
  });
});
