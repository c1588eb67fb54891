import { describe, expect, it } from 'vitest';
import { decodeModel, encodeModel, fromBase64, type PackedModel } from './model-format';

const model: PackedModel = {
  header: {
    vocabSize: 4,
    buckets: 300,
    ngram: 2,
    alpha: 0.5,
    tasks: [
      { name: 'a', labels: ['x', 'y'] },
      { name: 'b', labels: ['z'] },
    ],
    thresholds: { z: 0.4 },
  },
  tasks: [
    { labels: ['x', 'y'], bias: Float32Array.from([0.5, -1]), codebook: Float32Array.from({ length: 512 }, (_, i) => i / 7), rows: Uint32Array.from([0, 3, 200, 303]), codes: Uint8Array.from([1, 2, 3, 4, 5, 6, 255, 0]) },
    { labels: ['z'], bias: Float32Array.from([2]), codebook: Float32Array.from({ length: 256 }, (_, i) => -i), rows: Uint32Array.from([]), codes: new Uint8Array(0) },
  ],
};

describe('weights file', () => {
  it('decodes what it encodes', () => {
    const back = decodeModel(encodeModel(model));
    expect(back.header).toEqual(model.header);
    back.tasks.forEach((t, i) => {
      const m = model.tasks[i]!;
      expect(Array.from(t.bias)).toEqual(Array.from(m.bias));
      expect(Array.from(t.codebook)).toEqual(Array.from(m.codebook));
      expect(Array.from(t.rows)).toEqual(Array.from(m.rows));
      expect(Array.from(t.codes)).toEqual(Array.from(m.codes));
    });
  });

  it('refuses other files and trailing bytes', () => {
    expect(() => decodeModel(Uint8Array.from([1, 2, 3, 4, 0, 0, 0, 0]))).toThrow(/not a pulse-sentiment/);
    const bytes = encodeModel(model);
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expect(() => decodeModel(longer)).toThrow(/trailing/);
  });

  it('decodes base64 without Node APIs', () => {
    expect(Array.from(fromBase64('AAEC/w=='))).toEqual([0, 1, 2, 255]);
  });
});
