import { MAX_BODY_BYTES, MAX_POSTS_PER_ANNOTATE } from '../../shared/constants';
import { prepareText } from '../../shared/sentiment/prepare';
import type { PostRecord } from '../adapters/types';

/** Bytes of post text one annotate request may carry: well under the Worker's 1 MB body limit. */
export const TEXT_BYTES_PER_REQUEST = Math.floor(MAX_BODY_BYTES * 0.6);

const encoder = new TextEncoder();

/** UTF-8 bytes the post's text takes in the JSON body (escapes included). */
export function textBytes(p: Pick<PostRecord, 'text'>): number {
  return p.text ? encoder.encode(JSON.stringify(prepareText(p.text))).length : 0;
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
