/**
 * The bounded load test (loopback only): `clients` members at once, each in a loop of
 * POST /v1/events (a batch of 50 of its browsing events) then POST /v1/annotate (a
 * 50-post page), for `seconds`. Prints throughput, error rate (target 0) and latency
 * percentiles per route. Any answer but 200, or a failed connection, is an error.
 */
import { browsingEvents } from './events';
import { annotatePage } from './pages';
import { emit, percentile, progress } from './report';
import type { BenchCommunity, BenchStack } from './stack';

export async function benchLoad(stack: BenchStack, community: BenchCommunity, opts: { clients?: number; seconds?: number } = {}): Promise<void> {
  const clients = opts.clients ?? 50;
  const seconds = opts.seconds ?? 60;
  const url = new URL(stack.worker.url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) throw new Error(`the load test runs on loopback only, not ${url.hostname}`);
  const tokens = await Promise.all(Array.from({ length: clients }, () => community.join()));
  const latency = { events: [] as number[], annotate: [] as number[] };
  const errors: Record<string, number> = {};
  let events = 0;

  const call = async (kind: 'events' | 'annotate', token: string, body: unknown): Promise<void> => {
    const t0 = performance.now();
    try {
      const res = await fetch(`${stack.worker.url}/v1/${kind}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      await res.arrayBuffer();
      latency[kind].push(performance.now() - t0);
      if (res.status !== 200) errors[`${kind} ${res.status}`] = (errors[`${kind} ${res.status}`] ?? 0) + 1;
    } catch (e) {
      latency[kind].push(performance.now() - t0);
      const key = `${kind} ${(e as Error).cause ?? (e as Error).message}`.slice(0, 80);
      errors[key] = (errors[key] ?? 0) + 1;
    }
  };

  progress(`load: ${clients} clients for ${seconds} s on ${url.host}`);
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    tokens.map(async (token, c) => {
      for (let round = 0; performance.now() < end; round++) {
        const batch = browsingEvents(50, community.site, `load_member_${c}`, { start: Date.UTC(2026, 10, 1) + round * 60_000 });
        await call('events', token, { events: batch });
        events += batch.length;
        await call('annotate', token, annotatePage(community.site, 70_000 + ((c * 13 + round) % 100)));
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const requests = latency.events.length + latency.annotate.length;
  const failed = Object.values(errors).reduce((a, b) => a + b, 0);
  const all = [...latency.events, ...latency.annotate];
  emit({ name: 'load_requests_per_s', value: requests / elapsed, unit: 'requests/s', clients, seconds: elapsed, requests, eventsSent: events });
  emit({ name: 'load_error_rate', value: failed / Math.max(1, requests), unit: 'ratio', target: '0', errors });
  emit({ name: 'load_p50_ms', value: percentile(all, 50), unit: 'ms', events: percentile(latency.events, 50), annotate: percentile(latency.annotate, 50) });
  emit({ name: 'load_p95_ms', value: percentile(all, 95), unit: 'ms', events: percentile(latency.events, 95), annotate: percentile(latency.annotate, 95) });
  emit({ name: 'load_p99_ms', value: percentile(all, 99), unit: 'ms', events: percentile(latency.events, 99), annotate: percentile(latency.annotate, 99) });
}
