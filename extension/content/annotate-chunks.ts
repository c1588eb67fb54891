import { MAX_BODY_BYTES, MAX_POSTS_PER_ANNOTATE } from '../../shared/constants';
import { prepareText } from '../../shared/sentiment/prepare';
import type { PostRecord } from '../adapters/types';

/** Bytes of post text one annotate request may carry: well under the Worker's 1 MB body limit. */
export const TEXT_BYTES_PER_REQUEST = Math.floor(MAX_BODY_BYTES * 0.6);

/**
 * UTF-8 bytes of `JSON.stringify(s)`, counted without building either string (a page of
 * 500 posts otherwise allocates every text twice more on the page's main thread).
 */
export function jsonUtf8Bytes(s: string): number {
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) n += 2;
    else if (c < 0x20) n += c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d ? 2 : 6;
    else if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) n += 6; // a lone surrogate: JSON.stringify writes \udXXX
    else n += 3;
  }
  return n;
}

const prepared = new WeakMap<object, string>();

/** The post's text as the model reads it (prepareText), worked out once per post record. */
export function preparedText(p: Pick<PostRecord, 'text'>): string {
  let text = prepared.get(p);
  if (text === undefined) prepared.set(p, (text = p.text ? prepareText(p.text) : ''));
  return text;
}

/** UTF-8 bytes the post's text takes in the JSON body (escapes included). */
export function textBytes(p: Pick<PostRecord, 'text'>): number {
  return p.text ? jsonUtf8Bytes(preparedText(p)) : 0;
}

/**
 * Splits posts into annotate requests: at most MAX_POSTS_PER_ANNOTATE posts and
 * TEXT_BYTES_PER_REQUEST bytes of text each (a post is never split).
 */
export function annotateChunks<T extends Pick<PostRecord, 'text'>>(posts: readonly T[], budget = TEXT_BYTES_PER_REQUEST): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const p of posts) {
    const size = textBytes(p);
    if (current.length > 0 && (current.length >= MAX_POSTS_PER_ANNOTATE || bytes + size > budget)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(p);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}
