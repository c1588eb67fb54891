import { createHash } from 'node:crypto';

/**
 * A UUIDv7 derived from the source: the record's time in the first 48 bits, the rest from
 * a hash of a stable key (`se:<site>:comment:123`). The same record always gets the same
 * id, so importing twice stores it once.
 */
export function sourceEventId(key: string, ts: number): string {
  const h = createHash('sha256').update(key).digest();
  const b = Buffer.alloc(16);
  b.writeUIntBE(Math.max(0, Math.min(ts, 2 ** 48 - 1)), 0, 6);
  h.copy(b, 6, 0, 10);
  b[6] = 0x70 | (b[6]! & 0x0f); // version 7
  b[8] = 0x80 | (b[8]! & 0x3f); // variant 10
  const x = b.toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
