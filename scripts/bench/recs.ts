/**
 * recs_p50_ms / recs_p95_ms: latency of GET /v1/recommendations per member, on a catalogue
 * of 400 threads, half of which the ingest bench's members have browsed (threads 1000-1199), after the scheduled job
 * computed thread neighbours (as the cron does every 30 minutes).
 */
import type { ThreadInput } from '../../shared/schemas/annotate';
import { emit, percentile, progress } from './report';
import type { BenchCommunity, BenchStack } from './stack';

const CATALOGUE = 400;

export async function benchRecommendations(stack: BenchStack, community: BenchCommunity, members: string[], rounds = 10): Promise<void> {
  const url = stack.worker.url;
  const threads: ThreadInput[] = Array.from({ length: CATALOGUE }, (_, i) => ({
    id: String(1000 + i),
    title: `Thread ${1000 + i} about ${['pricing', 'onboarding', 'moderation', 'courses', 'events'][i % 5]}`,
    url: `${community.site}/t/t-${1000 + i}/${1000 + i}`,
    category: null,
    createdAt: new Date(Date.UTC(2026, 9, 1) + i * 3_600_000).toISOString(),
    tags: [['pricing', 'onboarding', 'moderation', 'courses', 'events'][i % 5]!],
    replyCount: i % 40,
    likeCount: i % 13,
    viewCount: 100 + i,
  }));
  for (let i = 0; i < threads.length; i += 100) {
    const res = await fetch(`${url}/v1/catalogue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${community.owner}` },
      body: JSON.stringify({ site: community.site, engine: 'discourse', threads: threads.slice(i, i + 100) }),
    });
    if (!res.ok) throw new Error(`POST /v1/catalogue: ${res.status} ${await res.text()}`);
  }
  const scheduled = await fetch(`${url}/__scheduled?cron=${encodeURIComponent('*/30 * * * *')}`);
  if (!scheduled.ok) throw new Error(`/__scheduled: ${scheduled.status}`);
  await scheduled.text();

  progress(`recommendations: ${members.length} members x ${rounds}`);
  const times: number[] = [];
  // The floor, measured interleaved in the same conditions: a wrangler dev round trip that
  // touches no D1 (GET /v1/health).
  const floor: number[] = [];
  let items = 0;
  for (let r = 0; r < rounds; r++) {
    for (const token of members) {
      const q = new URLSearchParams({ site: community.site, thread: String(1000 + ((r * 31) % 200)), k: '10' });
      const t0 = performance.now();
      const res = await fetch(`${url}/v1/recommendations?${q}`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { items?: unknown[] };
      times.push(performance.now() - t0);
      if (!res.ok) throw new Error(`GET /v1/recommendations: ${res.status} ${JSON.stringify(body)}`);
      items += body.items?.length ?? 0;
      const h0 = performance.now();
      await (await fetch(`${url}/v1/health`)).text();
      floor.push(performance.now() - h0);
    }
  }
  if (items === 0) throw new Error('recommendations: every answer was empty');
  const floorP50 = percentile(floor, 50);
  emit({ name: 'recs_p50_ms', value: percentile(times, 50), unit: 'ms', target: '< 10', reference: floorP50, referenceName: 'health_p50_ms (wrangler dev round trip without D1, same run)', requests: times.length, k: 10, threads: CATALOGUE });
  emit({ name: 'recs_p95_ms', value: percentile(times, 95), unit: 'ms', requests: times.length, meanItems: items / times.length });
}
