import { SELF } from 'cloudflare:test';

export interface Called<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** Sends a request to the Worker under test and reads its JSON answer. */
export async function call<T = any>(
  method: string,
  path: string,
  body?: unknown,
  init: { headers?: Record<string, string>; raw?: BodyInit; token?: string } = {},
): Promise<Called<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let payload: BodyInit | undefined = init.raw;
  if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await SELF.fetch(`http://pulse.test${path}`, { method, headers, body: payload });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`Expected JSON from ${method} ${path}, got ${res.status}: ${text.slice(0, 200)}`);
  }
  return { status: res.status, headers: res.headers as unknown as Headers, body: parsed as T };
}
