import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language';

describe('detectLanguage', () => {
  it.each([
    ['This is a great explanation, thanks!', 'en'],
    ['这个解释太棒了，谢谢！', 'zh'],
    ['SQL的窗口函数很好用', 'zh'],
    ['Great post! 谢谢', 'mixed'],
    ['I love 火锅 so much', 'mixed'],
    ['😂😂😂 123 !!!', 'other'],
    ['', 'other'],
    ['Это очень хорошо', 'other'],
  ] as const)('%s -> %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });
});
