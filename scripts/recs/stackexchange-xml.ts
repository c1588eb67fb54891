import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';

/**
 * Streams the `<row .../>` elements of a Stack Exchange dump file (Posts.xml, Comments.xml,
 * Votes.xml, Tags.xml) as attribute records, chunk by chunk with saxes: a file is never
 * held whole in memory, never built into a DOM.
 */
export async function forEachRow(file: string, onRow: (attributes: Record<string, string>) => void): Promise<number> {
  const parser = new SaxesParser();
  let rows = 0;
  let failure: Error | undefined;
  parser.on('opentag', (tag) => {
    if (tag.name !== 'row') return;
    rows++;
    onRow(tag.attributes as Record<string, string>);
  });
  parser.on('error', (e) => {
    failure ??= e;
  });
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 });
  let first = true;
  for await (const chunk of stream) {
    // A UTF-8 byte-order mark is not XML: saxes would reject it.
    const text = first ? (chunk as string).replace(/^\uFEFF/, '') : (chunk as string);
    first = false;
    parser.write(text);
    if (failure) break;
  }
  if (!failure) parser.close();
  if (failure) throw new Error(`${file}: ${failure.message}`);
  return rows;
}

/** Dump dates are UTC without a zone: "2021-04-27T15:06:44.553". */
export function parseDumpDate(s: string | undefined): number {
  if (!s) return NaN;
  return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : s + 'Z');
}

/** "<a><b-c>" (old dumps) or "|a|b-c|" (newer dumps) -> ["a", "b-c"]. */
export function parseTags(s: string | undefined): string[] {
  if (!s) return [];
  const angle = [...s.matchAll(/<([^<>]+)>/g)].map((m) => m[1]!);
  if (angle.length > 0) return angle;
  return s.split('|').filter((t) => t !== '');
}
