/**
 * The text every scorer sees, whichever runtime runs the model (TypeScript kernel or
 * ONNX through transformers.js): at most MAX_TEXT_CHARS UTF-16 code units, cut between
 * code points, with every unpaired surrogate replaced by U+FFFD.
 *
 * Callers of the ONNX model must pass `prepareText(text)` to get the kernel's numbers
 * (the kernel applies it itself). Capping the text bounds the cost of a hostile 100 kB
 * post; sentiment is read from the first 8,000 characters.
 */
export const MAX_TEXT_CHARS = 8000;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function prepareText(text: unknown): string {
  if (typeof text !== 'string') return '';
  let t = text;
  if (t.length > MAX_TEXT_CHARS) {
    let end = MAX_TEXT_CHARS;
    const last = t.charCodeAt(end - 1);
    // Do not cut a surrogate pair in half.
    if (last >= 0xd800 && last <= 0xdbff) end -= 1;
    t = t.slice(0, end);
  }
  return t.replace(LONE_SURROGATE, '\uFFFD');
}
