/**
 * npm run export:sentiment-onnx [-- outDir] — writes the shipped model
 * (shared/sentiment/weights.ts) for transformers.js, as one text-classification model:
 *
 *   extension/public/models/pulse-sentiment/
 *     config.json            model_type "bert", id2label (negative, neutral, positive,
 *                            toxic, offensive, hate), problem_type
 *                            multi_label_classification (a sigmoid per output)
 *     tokenizer.json         tokenizer-spec.ts as a Hugging Face tokenizer (WordLevel)
 *     tokenizer_config.json  model_max_length, [PAD]/[UNK]/[CLS]
 *     onnx/model.onnx        the weight table as uint8 codes + float32 codebook, the very
 *                            numbers of the kernel (float32 inputs and outputs: load it
 *                            with dtype 'fp32', which names this file)
 *
 * The graph turns the sentiment logits into logits of their softmax probabilities
 * (onnx-graph.ts), so after transformers.js's sigmoid the scores are the kernel's:
 * negative + neutral + positive = 1, and toxic, offensive, hate independent.
 * Load it offline and pass prepareText(text) (shared/sentiment) to get scoreText's numbers:
 *
 *   env.allowRemoteModels = false; env.localModelPath = '/models/';
 *   const clf = await pipeline('text-classification', 'pulse-sentiment', { dtype: 'fp32' });
 *   const scores = await clf(prepareText(text), { top_k: null });
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decodeModel, fromBase64 } from '../../shared/sentiment/model-format';
import { MAX_TEXT_CHARS } from '../../shared/sentiment/prepare';
import { MODEL_VERSION, MODEL_VOCAB, MODEL_WEIGHTS } from '../../shared/sentiment/weights';
import { buildGraph, type GraphWeights } from './onnx-graph';
import { tokenizerConfigJson, tokenizerJson } from './tokenizer-json';

export const EXPORT_DIR = path.resolve(import.meta.dirname, '../../extension/public/models/pulse-sentiment');

/** The kernel's weights as one table of all outputs (columns in task order). */
export function graphWeights(): { weights: GraphWeights; labels: string[]; thresholds: Record<string, number> } {
  const packed = decodeModel(fromBase64(MODEL_WEIGHTS));
  const h = packed.header;
  const C = packed.tasks.reduce((s, t) => s + t.labels.length, 0);
  const rows = h.vocabSize + h.buckets;
  const codes = new Uint8Array(rows * C);
  const codebook = new Float32Array(C * 256);
  const bias = new Float32Array(C);
  const labels: string[] = [];
  let col = 0;
  for (const t of packed.tasks) {
    const k = t.labels.length;
    bias.set(t.bias, col);
    codebook.set(t.codebook, col * 256);
    t.rows.forEach((r, i) => {
      for (let c = 0; c < k; c++) codes[r * C + col + c] = t.codes[i * k + c]!;
    });
    labels.push(...t.labels);
    col += k;
  }
  const groups = h.tasks.map((t) => ({ head: t.name === 'sentiment' ? ('softmax' as const) : ('sigmoid' as const), columns: t.labels.length }));
  return {
    weights: { shape: { vocabSize: h.vocabSize, buckets: h.buckets, ngram: h.ngram }, classes: C, alpha: h.alpha, bias, codes, codebook, groups },
    labels,
    thresholds: h.thresholds,
  };
}

export function exportOnnx(outDir = EXPORT_DIR): string[] {
  const { weights, labels, thresholds } = graphWeights();
  const written: string[] = [];
  const write = (file: string, data: string | Uint8Array) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, data);
    written.push(file);
  };
  rmSync(path.join(outDir, 'onnx'), { recursive: true, force: true });
  const config = {
    model_type: 'bert',
    architectures: ['BertForSequenceClassification'],
    problem_type: 'multi_label_classification',
    id2label: Object.fromEntries(labels.map((l, k) => [String(k), l])),
    label2id: Object.fromEntries(labels.map((l, k) => [l, k])),
    vocab_size: weights.shape.vocabSize,
    pulse_model_version: MODEL_VERSION,
    pulse_max_text_chars: MAX_TEXT_CHARS,
    pulse_softmax_labels: labels.slice(0, 3),
    pulse_thresholds: thresholds,
  };
  write(path.join(outDir, 'config.json'), JSON.stringify(config, null, 2) + '\n');
  write(path.join(outDir, 'tokenizer.json'), JSON.stringify(tokenizerJson(MODEL_VOCAB.split('\n'))));
  write(path.join(outDir, 'tokenizer_config.json'), JSON.stringify(tokenizerConfigJson(), null, 2) + '\n');
  write(path.join(outDir, 'onnx', 'model.onnx'), buildGraph(weights, 'codebook', 'pulse-sentiment'));
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] ? path.resolve(process.argv[2]) : EXPORT_DIR;
  for (const f of exportOnnx(out)) console.log(`wrote ${path.relative(process.cwd(), f)}`);
}
