/**
 * Language of a post, from its letters: Han characters count as Chinese, Latin letters
 * as English (the product's two languages; other Latin-script languages also read as
 * "en"), any other script as "other".
 *
 * - 'zh': Han characters and at most one Latin word per 4 of them ("SQL的窗口函数很好用");
 * - 'en': Latin words and at most one Han character per 4 of them;
 * - 'mixed': both in substance ("Great post! 谢谢");
 * - 'other': no letters (emoji, numbers, code punctuation), or mostly another script.
 */
export type Language = 'en' | 'zh' | 'mixed' | 'other';

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;
const LETTER = /\p{L}/u;

export function detectLanguage(text: string): Language {
  let han = 0;
  let latin = 0;
  let other = 0;
  let latinWords = 0;
  let inLatinWord = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    let isLatin = false;
    if (cp < 0x80) {
      isLatin = (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
      if (isLatin) latin++;
    } else if (HAN.test(ch)) han++;
    else if (LATIN.test(ch)) {
      isLatin = true;
      latin++;
    } else if (LETTER.test(ch)) other++;
    if (isLatin && !inLatinWord) latinWords++;
    inLatinWord = isLatin;
  }
  const letters = han + latin + other;
  if (letters === 0) return 'other';
  if (other > han + latin) return 'other';
  if (han === 0) return latin > 0 ? 'en' : 'other';
  if (latinWords * 4 <= han) return 'zh';
  if (han * 4 <= latinWords) return 'en';
  return 'mixed';
}
