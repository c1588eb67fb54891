/**
 * annotate_p50_ms / annotate_p95_ms: latency of POST /v1/annotate for a 50-post page
 * through `wrangler dev`, warm (the page seen before: every thread, post and author known)
 * and cold (a thread never seen: its thread and posts are stored on the way).
 */
import type { AnnotateRequest } from '../../shared/schemas/annotate';
import { emit, percentile, progress } from './report';
import { annotatePage } from './pages';
import type { BenchCommunity, BenchStack } from './stack';

async function timedAnnotate(url: string, token: string, body: AnnotateRequest): Promise<number> {
  const payload = JSON.stringify(body);
  const t0 = performance.now();
  const res = await fetch(`${url}/v1/annotate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: payload,
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`POST /v1/annotate: ${res.status} ${text.slice(0, 200)}`);
  return ms;
}

export async function benchAnnotate(stack: BenchStack, community: BenchCommunity, rounds = 200): Promise<void> {
  const moderator = await community.join('moderator');
  const url = stack.worker.url;
  progress(`annotate: ${rounds} cold and ${rounds} warm 50-post pages`);
  const cold: number[] = [];
  for (let i = 0; i < rounds; i++) cold.push(await timedAnnotate(url, moderator, annotatePage(community.site, 50_000 + i)));
  const warm: number[] = [];
  for (let i = 0; i < rounds; i++) warm.push(await timedAnnotate(url, moderator, annotatePage(community.site, 50_000 + (i % 20))));
  const common = { unit: 'ms', posts: 50, requests: rounds };
  emit({ name: 'annotate_p50_ms', value: percentile(warm, 50), ...common, cache: 'warm', target: '< 20' });
  emit({ name: 'annotate_p95_ms', value: percentile(warm, 95), ...common, cache: 'warm' });
  emit({ name: 'annotate_cold_p50_ms', value: percentile(cold, 50), ...common, cache: 'cold' });
  emit({ name: 'annotate_cold_p95_ms', value: percentile(cold, 95), ...common, cache: 'cold' });
}
