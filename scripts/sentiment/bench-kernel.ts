/**
 * Posts per second per core of the sentiment kernel in Node (one thread): scores the
 * test-part texts of every labelled file (English and Chinese reviews and tweets) in a
 * loop for a few seconds after a warm-up, and prints one JSON line:
 *   {"name":"sentiment_kernel_posts_per_s","value":…,"unit":"posts/s"}
 * Also prints (to stderr) the mean text length and the microseconds per post.
 */
import { scoreText } from '../../shared/sentiment/index';
import { readSource, SOURCES, type SourceName } from './datasets';
import { inSplit } from './split';

const texts: string[] = [];
for (const name of Object.keys(SOURCES) as SourceName[]) {
  for (const r of readSource(name)) if (inSplit(r.text, 'test')) texts.push(r.text);
}
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
let sink = 0;
scoreText('warm up');
for (let i = 0; i < Math.min(texts.length, 5000); i++) sink += scoreText(texts[i]!).toxicity.toxic;
let n = 0;
const t0 = performance.now();
let elapsed = 0;
while (elapsed < seconds * 1000) {
  for (let i = 0; i < 1000; i++) {
    sink += scoreText(texts[n % texts.length]!).sentiment.confidence;
    n++;
  }
  elapsed = performance.now() - t0;
}
const perSecond = n / (elapsed / 1000);
const meanChars = texts.reduce((s, t) => s + t.length, 0) / texts.length;
console.error(`${texts.length} distinct texts, mean ${meanChars.toFixed(0)} characters; ${n} posts in ${(elapsed / 1000).toFixed(2)} s, ${(1e6 / perSecond).toFixed(1)} µs per post (checksum ${sink.toFixed(3)})`);
console.log(JSON.stringify({ name: 'sentiment_kernel_posts_per_s', value: Math.round(perSecond), unit: 'posts/s' }));
