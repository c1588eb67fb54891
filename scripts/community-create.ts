/**
 * npm run community:create -- --name "My community" --site https://forum.example.com[=discourse] [--site …]
 *                             [--worker http://127.0.0.1:8787]
 *
 * Creates a community with its sites on the Worker and prints the owner's invite code
 * (shown once). Needs the operator's ADMIN_TOKEN: from the environment, else from
 * .dev.vars (written by `npm run dev`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { hc } from 'hono/client';
import { createCommunitySchema } from '../shared/schemas/auth';
import { engineSchema } from '../shared/schemas/common';
import type { AppType } from '../worker/src/index';

function fail(message: string): never {
  process.stderr.write(`community:create: ${message}\n`);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        name: { type: 'string' },
        site: { type: 'string', multiple: true },
        worker: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    fail((e as Error).message);
  }
})();

if (values.help || !values.name || !values.site?.length) {
  process.stdout.write(
    'usage: npm run community:create -- --name "My community" --site https://forum.example.com[=engine] [--site …] [--worker URL]\n' +
      `engines: ${engineSchema.options.join(', ')} (default discourse)\n`,
  );
  process.exit(values.help ? 0 : 2);
}

const body = createCommunitySchema.safeParse({
  name: values.name,
  sites: values.site.map((s) => {
    const [origin, engine = 'discourse'] = s.split('=');
    return { origin: origin?.replace(/\/+$/, ''), engine };
  }),
});
if (!body.success) {
  const i = body.error.issues[0]!;
  fail(`${i.path.join('.')}: ${i.message}`);
}

function adminToken(): string {
  if (process.env.ADMIN_TOKEN) return process.env.ADMIN_TOKEN;
  try {
    const vars = readFileSync(path.resolve(import.meta.dirname, '..', '.dev.vars'), 'utf8');
    const m = /^ADMIN_TOKEN=(.+)$/m.exec(vars);
    if (m) return m[1]!.trim();
  } catch {
    /* no .dev.vars */
  }
  fail('set ADMIN_TOKEN (the Worker secret), or run `npm run dev` once to create .dev.vars');
}

const worker = (values.worker ?? process.env.WORKER_URL ?? 'http://127.0.0.1:8787').replace(/\/+$/, '');
const client = hc<AppType>(worker, { headers: { authorization: `Bearer ${adminToken()}` } });
let res: Response;
try {
  res = await client.v1.admin.communities.$post({ json: body.data });
} catch (e) {
  fail(`cannot reach the Worker at ${worker} (${(e as Error).message}). Is it running (npm run dev)?`);
}
const answer = (await res.json().catch(() => null)) as any;
if (res.status === 401 || res.status === 403) fail(`the Worker refused the ADMIN_TOKEN (${answer?.error?.message ?? res.status})`);
if (!res.ok) fail(answer?.error?.message ?? `HTTP ${res.status}`);

process.stdout.write(`Created community #${answer.community.id} "${answer.community.name}"
Sites: ${answer.community.sites.map((s: { origin: string; engine: string }) => `${s.origin} (${s.engine})`).join(', ')}

Owner invite code (shown once; valid until ${answer.invite.expiresAt}, one use):

  ${answer.code}

Paste it in the extension: Options → Join your community.
`);
