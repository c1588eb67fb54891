import type { FeatureShape } from './features';

/**
 * The binary weights file (shipped base64-encoded in weights.ts), little endian:
 *
 *   "PSM1"  u32 header length  header (UTF-8 JSON: ModelHeader)
 *   per task, in header order:
 *     f32 bias[classes]  f32 codebook[classes × 256]
 *     u32 row count K  K rows as LEB128 varints of the gap to the previous row
 *     u8 codes[K × classes]   (weight of row r, class c = codebook[c·256 + code])
 *
 * Rows not listed have weight 0 (code 0 of every codebook is exactly 0).
 */
export interface ModelHeader {
  vocabSize: number;
  buckets: number;
  ngram: number;
  alpha: number;
  tasks: { name: string; labels: string[] }[];
  /** decision thresholds of the toxicity outputs (chosen on validation data) */
  thresholds: Record<string, number>;
}

export interface TaskWeights {
  labels: string[];
  bias: Float32Array;
  codebook: Float32Array;
  rows: Uint32Array;
  codes: Uint8Array;
}

export interface PackedModel {
  header: ModelHeader;
  tasks: TaskWeights[];
}

export function shapeOf(h: ModelHeader): FeatureShape {
  return { vocabSize: h.vocabSize, buckets: h.buckets, ngram: h.ngram };
}

const MAGIC = [0x50, 0x53, 0x4d, 0x31];

export function encodeModel(m: PackedModel): Uint8Array {
  const parts: number[] = [...MAGIC];
  const u32 = (v: number) => parts.push(v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255);
  const bytes = (b: Uint8Array) => {
    for (const x of b) parts.push(x);
  };
  const f32 = (a: Float32Array) => bytes(new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength)));
  const header = new TextEncoder().encode(JSON.stringify(m.header));
  u32(header.length);
  bytes(header);
  m.tasks.forEach((t, i) => {
    const C = m.header.tasks[i]!.labels.length;
    if (t.bias.length !== C || t.codebook.length !== C * 256 || t.codes.length !== t.rows.length * C) throw new Error(`task ${i}: sizes do not match`);
    f32(t.bias);
    f32(t.codebook);
    u32(t.rows.length);
    let prev = 0;
    t.rows.forEach((r, k) => {
      let gap = k === 0 ? r : r - prev;
      if (k > 0 && gap <= 0) throw new Error('rows must increase');
      prev = r;
      do {
        const b = gap & 127;
        gap >>>= 7;
        parts.push(gap > 0 ? b | 128 : b);
      } while (gap > 0);
    });
    bytes(t.codes);
  });
  return Uint8Array.from(parts);
}

export function decodeModel(buf: Uint8Array): PackedModel {
  if (MAGIC.some((b, i) => buf[i] !== b)) throw new Error('not a pulse-sentiment weights file');
  let p = 4;
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const u32 = () => {
    const v = dv.getUint32(p, true);
    p += 4;
    return v;
  };
  const f32 = (n: number) => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = dv.getFloat32(p + 4 * i, true);
    p += 4 * n;
    return out;
  };
  const hl = u32();
  const header = JSON.parse(new TextDecoder().decode(buf.subarray(p, p + hl))) as ModelHeader;
  p += hl;
  const tasks = header.tasks.map((t) => {
    const C = t.labels.length;
    const bias = f32(C);
    const codebook = f32(C * 256);
    const K = u32();
    const rows = new Uint32Array(K);
    let prev = 0;
    for (let k = 0; k < K; k++) {
      let v = 0;
      let shift = 0;
      let b: number;
      do {
        b = buf[p++]!;
        v += (b & 127) * 2 ** shift;
        shift += 7;
      } while (b & 128);
      prev = k === 0 ? v : prev + v;
      rows[k] = prev;
    }
    const codes = buf.slice(p, p + K * C);
    p += K * C;
    return { labels: t.labels, bias, codebook, rows, codes };
  });
  if (p !== buf.length) throw new Error('trailing bytes in the weights file');
  return { header, tasks };
}

/** base64 without Buffer (atob exists in browsers, Workers and Node). */
export function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
