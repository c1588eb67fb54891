import onnxProto from 'onnx-proto';
import type { onnx as OnnxTypes } from 'onnx-proto';

// onnx-proto is CommonJS: its namespace arrives as the default export under Node's ESM.
const { onnx } = onnxProto;
import { HASH_M1, HASH_M2, HASH_Q, type FeatureShape } from '../../shared/sentiment/features';

/**
 * The kernel's linear model as an ONNX graph (IR 8, opset 13) that transformers.js runs as
 * a text-classification model: inputs `input_ids` and `attention_mask` ([batch, sequence]
 * int64, as the tokenizer gives them), output `logits` [batch, classes].
 *
 * The columns form groups (`groups`): a 'sigmoid' group's columns are independent
 * logistic outputs and leave the graph as they are; a 'softmax' group's columns are
 * turned into the logit of their softmax probability,
 *
 *   out_c = z_c - log Σ_{j≠c} exp(z_j)     so that   sigmoid(out_c) = softmax(z)_c,
 *
 * so one model with `problem_type: multi_label_classification` (transformers.js applies a
 * sigmoid to every output) gives the kernel's sentiment probabilities (summing to 1) and
 * its toxicity probabilities side by side.
 *
 * The n-grams are formed in the graph from neighbouring token ids, with the arithmetic of
 * shared/sentiment/features.ts (Mul, Add, Mod on int64), then looked up in the weight
 * table (Gather), masked by the attention mask, summed and divided by tokens^alpha:
 *
 *   logits = bias + (Σ_unigrams W + Σ_bigrams W + Σ_trigrams W) / n^alpha
 *
 * Two encodings of the same numbers:
 * - 'fp32': the table as float32 [rows, classes];
 * - 'codebook': the table as uint8 codes [rows, classes] and a float32 codebook of 256
 *   values per class (code + 256·class indexes it), a quarter of the size. The kernel's
 *   weights are those codebook values, so both graphs compute identical logits.
 */
export interface GraphWeights {
  shape: FeatureShape;
  classes: number;
  alpha: number;
  bias: Float32Array;
  /** codes [rows × classes], rows = vocabSize + buckets */
  codes: Uint8Array;
  /** codebook [classes × 256] */
  codebook: Float32Array;
  /** consecutive column groups covering all classes (default: one sigmoid group) */
  groups?: { head: 'softmax' | 'sigmoid'; columns: number }[];
}

const T = onnx.TensorProto.DataType;
const A = onnx.AttributeProto.AttributeType;

function tensor(name: string, dataType: number, dims: number[], data: ArrayBufferView): OnnxTypes.ITensorProto {
  return { name, dataType, dims, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}
const i64 = (name: string, values: number[], dims: number[] = [values.length]) =>
  tensor(name, T.INT64, dims, BigInt64Array.from(values.map((v) => BigInt(v))));
const f32 = (name: string, values: ArrayLike<number>, dims: number[]) => tensor(name, T.FLOAT, dims, Float32Array.from(values));

function valueInfo(name: string, elemType: number, dims: (string | number)[]): OnnxTypes.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

export function buildGraph(w: GraphWeights, encoding: 'fp32' | 'codebook', name: string): Uint8Array {
  const { shape, classes: C } = w;
  const rows = shape.vocabSize + shape.buckets;
  if (w.codes.length !== rows * C) throw new Error('codes do not match the shape');
  const nodes: OnnxTypes.INodeProto[] = [];
  const inits: OnnxTypes.ITensorProto[] = [];
  let k = 0;
  const node = (op: string, inputs: string[], attrs: OnnxTypes.IAttributeProto[] = [], out?: string): string => {
    const o = out ?? `${op.toLowerCase()}_${k++}`;
    nodes.push({ opType: op, input: inputs, output: [o], name: `${op}_${k++}`, attribute: attrs });
    return o;
  };

  inits.push(
    i64('c_axes1', [1]),
    i64('c_axes2', [2]),
    i64('c_zero', [0]),
    i64('c_one', [1]),
    i64('c_two', [2]),
    i64('c_minus1', [-1]),
    i64('c_end', [Number.MAX_SAFE_INTEGER]),
    i64('c_m1', [HASH_M1], []),
    i64('c_m2', [HASH_M2], []),
    i64('c_q', [HASH_Q], []),
    i64('c_buckets', [shape.buckets], []),
    i64('c_vocab', [shape.vocabSize], []),
    f32('c_alpha', [w.alpha], []),
    f32('c_bias', w.bias, [C]),
  );

  // Weight lookup of int64 rows [..., L] -> float [..., L, C].
  let lookup: (rowsName: string) => string;
  if (encoding === 'fp32') {
    const table = new Float32Array(rows * C);
    for (let i = 0; i < rows * C; i++) table[i] = w.codebook[(i % C) * 256 + w.codes[i]!]!;
    inits.push(f32('table', table, [rows, C]));
    lookup = (r) => node('Gather', ['table', r], [{ name: 'axis', type: A.INT, i: 0 }]);
  } else {
    inits.push(tensor('codes', T.UINT8, [rows, C], w.codes));
    inits.push(f32('codebook', w.codebook, [C * 256]));
    inits.push(i64('code_offset', Array.from({ length: C }, (_, c) => c * 256)));
    lookup = (r) => {
      const q = node('Gather', ['codes', r], [{ name: 'axis', type: A.INT, i: 0 }]);
      const qi = node('Cast', [q], [{ name: 'to', type: A.INT, i: T.INT64 }]);
      const idx = node('Add', [qi, 'code_offset']);
      return node('Gather', ['codebook', idx], [{ name: 'axis', type: A.INT, i: 0 }]);
    };
  }
  const slice = (x: string, start: string, end: string) => node('Slice', [x, start, end, 'c_axes1']);
  // Σ over the sequence of W[rows] * mask -> [B, C]
  const pooled = (r: string, maskF: string) => {
    const e = lookup(r);
    const m3 = node('Unsqueeze', [maskF, 'c_axes2']);
    return node('ReduceSum', [node('Mul', [e, m3]), 'c_axes1'], [{ name: 'keepdims', type: A.INT, i: 0 }]);
  };

  const ids = 'input_ids';
  const maskF = node('Cast', ['attention_mask'], [{ name: 'to', type: A.INT, i: T.FLOAT }]);
  let total = pooled(ids, maskF);
  if (shape.ngram >= 2) {
    const a = slice(ids, 'c_zero', 'c_minus1');
    const b = slice(ids, 'c_one', 'c_end');
    const pair = node('Mod', [node('Add', [node('Mul', [a, 'c_m1']), b]), 'c_q']);
    const r2 = node('Add', [node('Mod', [pair, 'c_buckets']), 'c_vocab']);
    const m2 = node('Mul', [slice(maskF, 'c_zero', 'c_minus1'), slice(maskF, 'c_one', 'c_end')]);
    total = node('Add', [total, pooled(r2, m2)]);
    if (shape.ngram >= 3) {
      const p = slice(pair, 'c_zero', 'c_minus1');
      const c = slice(ids, 'c_two', 'c_end');
      const r3 = node('Add', [node('Mod', [node('Add', [node('Mul', [p, 'c_m2']), c]), 'c_buckets']), 'c_vocab']);
      const m3 = node('Mul', [slice(m2, 'c_zero', 'c_minus1'), slice(maskF, 'c_two', 'c_end')]);
      total = node('Add', [total, pooled(r3, m3)]);
    }
  }
  const n = node('ReduceSum', [maskF, 'c_axes1'], [{ name: 'keepdims', type: A.INT, i: 1 }]);
  const den = node('Pow', [n, 'c_alpha']);
  const z = node('Add', [node('Div', [total, den]), 'c_bias']);

  const groups = w.groups ?? [{ head: 'sigmoid' as const, columns: C }];
  if (groups.reduce((s, g) => s + g.columns, 0) !== C) throw new Error('groups do not cover the classes');
  const outs: string[] = [];
  let start = 0;
  groups.forEach((g, gi) => {
    const k = g.columns;
    inits.push(i64(`g${gi}_start`, [start]), i64(`g${gi}_end`, [start + k]));
    const zg = slice(z, `g${gi}_start`, `g${gi}_end`);
    start += k;
    if (g.head === 'sigmoid') {
      outs.push(zg);
      return;
    }
    // out_c = (z_c - m) - log(Σ_{j≠c} exp(z_j - m)), the sums of the others by a matrix
    // product with (1 - identity): no cancellation when one class dominates.
    const others = new Float32Array(k * k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) others[i * k + j] = i === j ? 0 : 1;
    inits.push(f32(`g${gi}_others`, others, [k, k]));
    const m = node('ReduceMax', [zg], [
      { name: 'axes', type: A.INTS, ints: [1] },
      { name: 'keepdims', type: A.INT, i: 1 },
    ]);
    const shifted = node('Sub', [zg, m]);
    const sumOthers = node('MatMul', [node('Exp', [shifted]), `g${gi}_others`]);
    outs.push(node('Sub', [shifted, node('Log', [sumOthers])]));
  });
  if (outs.length === 1) node('Identity', [outs[0]!], [], 'logits');
  else node('Concat', outs, [{ name: 'axis', type: A.INT, i: 1 }], 'logits');

  const model: OnnxTypes.IModelProto = {
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'community-pulse',
    producerVersion: '1',
    graph: {
      name,
      node: nodes,
      initializer: inits,
      input: [valueInfo('input_ids', T.INT64, ['batch_size', 'sequence_length']), valueInfo('attention_mask', T.INT64, ['batch_size', 'sequence_length'])],
      output: [valueInfo('logits', T.FLOAT, ['batch_size', C])],
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}
