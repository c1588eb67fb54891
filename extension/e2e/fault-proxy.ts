import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * A fault-injecting HTTP proxy in front of `wrangler dev`, for the end-to-end fault test.
 * The extension's Worker URL is the proxy; the test switches its mode while the extension
 * sends:
 *
 * - `pass`: forwards requests and answers unchanged;
 * - `down`: the port refuses connections (the listener is closed, open sockets destroyed);
 * - `reset`: accepts connections and resets them at once;
 * - `500`: answers 500 with a JSON error, without forwarding;
 * - `429`: answers 429 with `Retry-After`, without forwarding;
 * - `slow`: forwards after `slowMs`, then answers;
 * - `lost-answer`: forwards, waits for the Worker's answer (so it has stored the batch),
 *   then resets the client's connection instead of answering: the client must retry a
 *   batch the server already has.
 */
export type FaultMode = 'pass' | 'down' | 'reset' | '500' | '429' | 'slow' | 'lost-answer';

export interface ProxyRequest {
  method: string;
  path: string;
  mode: FaultMode;
  /** Ids of the events in a `POST /v1/events` body. */
  eventIds: string[];
}

export interface FaultProxyStats {
  /** `POST /v1/events` requests seen, by the mode they met. */
  eventRequests: Record<FaultMode, number>;
  /** Events in the bodies the proxy forwarded to the Worker (retries counted again). */
  eventsForwarded: number;
  /** Of those, events whose answer the client never got (lost-answer, or a client gone meanwhile). */
  answersLost: number;
  /** The Worker's answers to forwarded `POST /v1/events`, in order (for diagnosis). */
  answers: Array<{ mode: FaultMode; status: number; body: string; ms: number }>;
}

export interface FaultProxy {
  url: string;
  mode: () => FaultMode;
  setMode: (mode: FaultMode) => Promise<void>;
  stats: FaultProxyStats;
  /** Resolves at the next request that matches (default: any `POST /v1/events`). */
  nextRequest: (match?: (r: ProxyRequest) => boolean, timeoutMs?: number) => Promise<ProxyRequest>;
  close: () => Promise<void>;
}

export interface FaultProxyOptions {
  target: string;
  port: number;
  slowMs?: number;
  retryAfterS?: number;
}

const zeroCounts = (): Record<FaultMode, number> => ({ pass: 0, down: 0, reset: 0, '500': 0, '429': 0, slow: 0, 'lost-answer': 0 });

export async function startFaultProxy(opts: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(opts.target);
  const slowMs = opts.slowMs ?? 4_000;
  const retryAfterS = opts.retryAfterS ?? 2;
  let mode: FaultMode = 'pass';
  const stats: FaultProxyStats = { eventRequests: zeroCounts(), eventsForwarded: 0, answersLost: 0, answers: [] };
  const sockets = new Set<Socket>();
  const waiters: Array<{ match: (r: ProxyRequest) => boolean; resolve: (r: ProxyRequest) => void }> = [];

  function forward(req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string | string[]>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: target.host };
      delete headers.connection;
      const out = httpRequest(
        { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers as Record<string, string | string[]>, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });
  }

  function corsHeaders(req: IncomingMessage): Record<string, string> {
    const origin = req.headers.origin;
    return origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {};
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const isEvents = req.method === 'POST' && path === '/v1/events';
    let eventIds: string[] = [];
    if (isEvents) {
      try {
        eventIds = ((JSON.parse(body.toString('utf8')) as { events?: Array<{ id: string }> }).events ?? []).map((e) => e.id);
      } catch {
        /* not JSON: the Worker will say so */
      }
    }
    const current = mode;
    if (isEvents) stats.eventRequests[current] += 1;
    const seen: ProxyRequest = { method: req.method ?? 'GET', path, mode: current, eventIds };
    for (const w of [...waiters]) {
      if (w.match(seen)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(seen);
      }
    }

    if (current === 'reset' || current === 'down') {
      req.socket.destroy();
      return;
    }
    if (current === '500') {
      res.writeHead(500, { 'content-type': 'application/json', ...corsHeaders(req) });
      res.end(JSON.stringify({ error: { code: 'internal', message: 'Injected fault: internal error' } }));
      return;
    }
    if (current === '429') {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(retryAfterS), ...corsHeaders(req) });
      res.end(JSON.stringify({ error: { code: 'rate_limited', message: 'Injected fault: too many requests' } }));
      return;
    }
    if (current === 'slow') await new Promise((r) => setTimeout(r, slowMs));

    // The request reaches the Worker even if the client has gone meanwhile (as on a real network).
    let answer: Awaited<ReturnType<typeof forward>>;
    const sentAt = Date.now();
    try {
      answer = await forward(req, body);
      if (isEvents) stats.answers.push({ mode: current, status: answer.status, body: answer.body.toString('utf8').slice(0, 200), ms: Date.now() - sentAt });
    } catch (e) {
      if (!res.destroyed) {
        res.writeHead(502, { 'content-type': 'application/json', ...corsHeaders(req) });
        res.end(JSON.stringify({ error: { code: 'bad_gateway', message: `proxy: ${(e as Error).message}` } }));
      }
      return;
    }
    if (isEvents && answer.status === 200) stats.eventsForwarded += eventIds.length;
    if (current === 'lost-answer' || res.destroyed || req.socket.destroyed) {
      if (isEvents && answer.status === 200) stats.answersLost += eventIds.length;
      req.socket.destroy();
      return;
    }
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    delete headers.connection;
    res.writeHead(answer.status, { ...headers, 'content-length': String(answer.body.length) });
    res.end(answer.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  server.keepAliveTimeout = 1_000;
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const unlisten = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    });

  await listen();

  return {
    url: `http://127.0.0.1:${opts.port}`,
    mode: () => mode,
    stats,
    async setMode(next) {
      if (next === mode) return;
      const wasDown = mode === 'down';
      mode = next;
      if (next === 'down') await unlisten();
      else if (wasDown) await listen();
    },
    nextRequest(match = (r) => r.method === 'POST' && r.path === '/v1/events', timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const w = {
          match,
          resolve: (r: ProxyRequest) => {
            clearTimeout(timer);
            resolve(r);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`fault proxy: no matching request within ${timeoutMs} ms (mode ${mode})`));
        }, timeoutMs);
        waiters.push(w);
      });
    },
    async close() {
      if (server.listening) await unlisten();
    },
  };
}
