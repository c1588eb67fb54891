import { readFileSync } from 'node:fs';
import path from 'node:path';
import { env, pipeline } from '@huggingface/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareText, scoreText, SENTIMENT_MODEL_VERSION, toxicityThresholds } from '../../shared/sentiment/index';
import { readSource, SOURCES, type SourceName } from './datasets';
import { EXPORT_DIR } from './export-onnx';
import { inSplit } from './split';

/**
 * The exported model (extension/public/models/pulse-sentiment, written by
 * `npm run export:sentiment-onnx`) run by transformers.js, offline from local files, gives
 * the TypeScript kernel's probabilities on a few hundred real texts in both languages and
 * on hostile ones.
 */
type Scored = { label: string; score: number }[];
type Classifier = (texts: string[], opts: { top_k: null }) => Promise<Scored[]>;

const LABELS = ['negative', 'neutral', 'positive', 'toxic', 'offensive', 'hate'] as const;

function texts(): string[] {
  const out: string[] = [];
  for (const name of Object.keys(SOURCES) as SourceName[]) {
    out.push(...readSource(name).filter((r) => inSplit(r.text, 'test')).slice(0, 40).map((r) => r.text));
  }
  out.push(
    '',
    '<script>alert("x")</script><b onclick="steal()">bold</b> &amp; &#128514;',
    'x'.repeat(100_000),
    'good '.repeat(20_000),
    '这个解释太棒了，谢谢！'.repeat(2000),
    'a\uD800b\uDC00c \uDBFF',
    'Great post! 谢谢 😂😂 👍🏽 ❤️ 👨‍👩‍👧 1️⃣ https://ex.com/a?b=1 @Jane_D',
    '```js\nconst x = `a`;\n```\ninline `code` here [CLS] [PAD] [UNK]',
  );
  return out;
}

describe('ONNX model in transformers.js', () => {
  let classify: Classifier;

  beforeAll(async () => {
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = path.dirname(EXPORT_DIR) + path.sep;
    classify = (await pipeline('text-classification', path.basename(EXPORT_DIR), { dtype: 'fp32' })) as unknown as Classifier;
  }, 60_000);

  it('is the export of the shipped weights', () => {
    const config = JSON.parse(readFileSync(path.join(EXPORT_DIR, 'config.json'), 'utf8'));
    expect(config.pulse_model_version, 'stale export: run npm run export:sentiment-onnx').toBe(SENTIMENT_MODEL_VERSION);
    expect(config.model_type).toBe('bert');
    expect(Object.values(config.id2label)).toEqual([...LABELS]);
    expect(config.pulse_thresholds).toEqual(toxicityThresholds());
  });

  it('gives the kernel probabilities within 1e-4', async () => {
    const all = texts();
    expect(all.length).toBeGreaterThan(300);
    let maxDiff = 0;
    for (let i = 0; i < all.length; i += 25) {
      const batch = all.slice(i, i + 25);
      const out = await classify(batch.map(prepareText), { top_k: null });
      batch.forEach((text, j) => {
        const got = Object.fromEntries(out[j]!.map((s) => [s.label, s.score]));
        const k = scoreText(text);
        const want = { ...k.sentiment.probs, ...k.toxicity };
        for (const l of LABELS) {
          const d = Math.abs(got[l]! - want[l]);
          maxDiff = Math.max(maxDiff, d);
          if (d > 1e-4) expect.fail(`${l} of text ${i + j} (${JSON.stringify(text.slice(0, 60))}): onnx ${got[l]} kernel ${want[l]}`);
        }
      });
    }
    console.log(`ONNX parity: ${all.length} texts, max |p_onnx - p_kernel| = ${maxDiff.toExponential(2)}`);
    expect(maxDiff).toBeLessThan(1e-4);
  }, 180_000);
});
