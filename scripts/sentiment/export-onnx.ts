/**
 * Writes the shipped model (shared/sentiment/weights.ts) for transformers.js:
 *
 *   extension/public/models/pulse-sentiment/<task>/   task = sentiment | toxicity
 *     config.json            model_type "bert", id2label/label2id, problem_type
 *                            (toxicity: multi_label_classification -> sigmoid per label)
 *     tokenizer.json         tokenizer-spec.ts as a Hugging Face tokenizer (WordLevel)
 *     tokenizer_config.json  model_max_length, [PAD]/[UNK]/[CLS]
 *     onnx/model.onnx            float32 weight table (dtype 'fp32', Node's default)
 *     onnx/model_quantized.onnx  uint8 codes + codebook (dtype 'q8', browsers' default)
 *
 * Both graphs give the kernel's numbers: load with
 *   pipeline('text-classification', '<task>', { dtype: 'fp32' | 'q8' }) with
 *   env.localModelPath = '/models/pulse-sentiment/' and env.allowRemoteModels = false,
 * and pass prepareText(text) from shared/sentiment (see the README written beside them).
 * Usage: npx tsx scripts/sentiment/export-onnx.ts [outDir]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decodeModel, fromBase64 } from '../../shared/sentiment/model-format';
import { MAX_TEXT_CHARS } from '../../shared/sentiment/prepare';
import { MODEL_VERSION, MODEL_VOCAB, MODEL_WEIGHTS } from '../../shared/sentiment/weights';
import { buildGraph } from './onnx-graph';
import { tokenizerConfigJson, tokenizerJson } from './tokenizer-json';

export const EXPORT_DIR = path.resolve(import.meta.dirname, '../../extension/public/models/pulse-sentiment');

export function exportOnnx(outDir = EXPORT_DIR): string[] {
  const packed = decodeModel(fromBase64(MODEL_WEIGHTS));
  const h = packed.header;
  const vocab = MODEL_VOCAB.split('\n');
  const rows = h.vocabSize + h.buckets;
  const written: string[] = [];
  const write = (file: string, data: string | Uint8Array) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, data);
    written.push(file);
  };
  const tokJson = JSON.stringify(tokenizerJson(vocab));
  const tokConfig = JSON.stringify(tokenizerConfigJson(), null, 2);
  packed.tasks.forEach((t, i) => {
    const name = h.tasks[i]!.name;
    const C = t.labels.length;
    const codes = new Uint8Array(rows * C);
    t.rows.forEach((r, k) => codes.set(t.codes.subarray(k * C, k * C + C), r * C));
    const weights = { shape: { vocabSize: h.vocabSize, buckets: h.buckets, ngram: h.ngram }, classes: C, alpha: h.alpha, bias: t.bias, codes, codebook: t.codebook };
    const dir = path.join(outDir, name);
    const config = {
      model_type: 'bert',
      architectures: ['BertForSequenceClassification'],
      problem_type: name === 'toxicity' ? 'multi_label_classification' : 'single_label_classification',
      id2label: Object.fromEntries(t.labels.map((l, k) => [String(k), l])),
      label2id: Object.fromEntries(t.labels.map((l, k) => [l, k])),
      vocab_size: h.vocabSize,
      pulse_model_version: MODEL_VERSION,
      pulse_max_text_chars: MAX_TEXT_CHARS,
      pulse_thresholds: name === 'toxicity' ? h.thresholds : undefined,
    };
    write(path.join(dir, 'config.json'), JSON.stringify(config, null, 2) + '\n');
    write(path.join(dir, 'tokenizer.json'), tokJson);
    write(path.join(dir, 'tokenizer_config.json'), tokConfig + '\n');
    write(path.join(dir, 'onnx', 'model.onnx'), buildGraph(weights, 'fp32', `pulse-${name}`));
    write(path.join(dir, 'onnx', 'model_quantized.onnx'), buildGraph(weights, 'codebook', `pulse-${name}`));
  });
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] ? path.resolve(process.argv[2]) : EXPORT_DIR;
  for (const f of exportOnnx(out)) console.log(`wrote ${path.relative(process.cwd(), f)}`);
}
