import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';

/**
 * Valid request bodies per route (shaped by the shared zod schemas), and mutations of
 * them: fields dropped, types changed, huge or unpaired-surrogate strings, deep nesting.
 */
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('<script>alert(1)</script>', '"; DROP TABLE events; --', '\u0000', '\ud800', '\udfff\ud800', '👍🏽', '中文用户名'),
);
const weird = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 1e308, 0.5),
  text,
  fc.constant('x'.repeat(200_000)),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

function mutate(base: unknown): fc.Arbitrary<unknown> {
  if (base === null || typeof base !== 'object') return fc.oneof(fc.constant(base), weird);
  const entries = Array.isArray(base) ? base.map((v, i) => [String(i), v] as const) : Object.entries(base);
  if (entries.length === 0) return fc.oneof(fc.constant(base), weird);
  return fc.oneof(
    { arbitrary: fc.constant(base), weight: 3 },
    { arbitrary: weird, weight: 1 },
    // One field changed (recursively), dropped, or a field added.
    { arbitrary: fc.integer({ min: 0, max: entries.length - 1 }).chain((i) => {
      const [key, value] = entries[i]!;
      return fc.oneof(
        mutate(value).map((v) => replace(base, key, v)),
        fc.constant(drop(base, key)),
        fc.tuple(fc.string({ maxLength: 8 }), weird).map(([k, v]) => ({ ...(base as object), [k]: v })),
      );
    }), weight: 3 },
  );
}

function replace(base: object, key: string, value: unknown): unknown {
  if (Array.isArray(base)) return base.map((v, i) => (String(i) === key ? value : v));
  return { ...base, [key]: value };
}

function drop(base: object, key: string): unknown {
  if (Array.isArray(base)) return base.filter((_, i) => String(i) !== key);
  const { [key]: _gone, ...rest } = base as Record<string, unknown>;
  return rest;
}

const origin = fc.constantFrom('https://forum.example', 'http://localhost:8790', 'https://论坛.example');
const common = {
  id: fc.constant(null).map(() => uuidv7()),
  ts: fc.date({ min: new Date('2001-01-01'), max: new Date('2099-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  site: origin,
  actor: fc.option(text, { nil: null }),
};
const thread = fc.constantFrom('1', 't-2', 'a/b:c');
const post = fc.constantFrom('9', 'p.1');
const event = fc.oneof(
  fc.record({ ...common, type: fc.constant('page_view'), thread: fc.option(thread, { nil: null }) }),
  fc.record({ ...common, type: fc.constant('dwell'), thread: fc.option(thread, { nil: null }), durationMs: fc.integer({ min: 0, max: 86_400_000 }) }),
  fc.record({ ...common, type: fc.constantFrom('post_seen', 'like'), thread, post }),
  fc.record({ ...common, type: fc.constant('reply'), thread, post: fc.option(post, { nil: null }) }),
);

const annotate = fc.record({
  site: origin,
  engine: fc.constantFrom('discourse', 'reddit', 'generic'),
  thread: fc.record({
    id: fc.constantFrom('1', '12483'),
    title: fc.option(text, { nil: null }),
    url: fc.option(fc.constantFrom('https://f.example/t/1', 'javascript:alert(1)'), { nil: null }),
    category: fc.option(text, { nil: null }),
    createdAt: fc.constant(null),
  }),
  posts: fc.array(
    fc.record({
      id: fc.constantFrom('1', '2', '3'),
      number: fc.option(fc.integer({ min: 1, max: 50 }), { nil: null }),
      author: fc.option(text, { nil: null }),
      createdAt: fc.constant('2026-11-01T00:00:00Z'),
      likeCount: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
      replyToNumber: fc.constant(null),
      text: fc.option(fc.oneof(text, fc.constant('<p>x</p>'.repeat(1000))), { nil: undefined }),
    }),
    { maxLength: 4 },
  ),
});

/** An arbitrary body for each route that takes one; routes without an entry get arbitrary JSON. */
export const VALID_BODY: Record<string, fc.Arbitrary<unknown>> = {
  'POST /v1/events': fc.array(event, { minLength: 1, maxLength: 5 }).map((events) => ({ events })),
  'POST /v1/annotate': annotate,
  'POST /v1/catalogue': annotate.map((a) => ({ site: a.site, engine: a.engine, threads: [a.thread] })),
  'POST /v1/corrections': fc.oneof(
    fc.record({ site: origin, post, text, task: fc.constant('sentiment'), label: fc.constantFrom('negative', 'neutral', 'positive', 'hate') }),
    fc.record({ site: origin, post, text, task: fc.constant('toxicity'), label: fc.constantFrom('not_toxic', 'offensive', 'hate', 'positive') }),
  ),
  'POST /v1/join': fc.record({ code: fc.constantFrom('CP-ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'cp-not-a-code'), label: text }),
  'POST /v1/invites': fc.record({
    role: fc.constantFrom('member', 'moderator', 'owner', 'admin'),
    expiresInDays: fc.integer({ min: -5, max: 400 }),
    maxUses: fc.integer({ min: 0, max: 20 }),
  }),
  'POST /v1/sites': fc.record({ origin, engine: fc.constantFrom('discourse', 'generic', 'myspace') }),
  'PATCH /v1/sites/:id': fc.record({ engine: fc.constantFrom('discourse', 'generic'), selectors: fc.option(fc.record({ post: text }), { nil: null }) }),
  'PATCH /v1/community/settings': fc.record({ memberScores: fc.boolean() }),
  'POST /v1/admin/communities': fc.record({ name: text, sites: fc.array(fc.record({ origin, engine: fc.constant('discourse') }), { maxLength: 2 }) }),
  'POST /v1/admin/communities/:id/invites': fc.record({ role: fc.constantFrom('member', 'owner') }),
};

export function bodyFor(route: string): fc.Arbitrary<unknown> {
  const valid = VALID_BODY[route];
  return valid ? valid.chain(mutate) : fc.jsonValue({ maxDepth: 4 });
}

/** Path parameter values: real-looking, wrong-looking and hostile. */
export const paramValue = fc.oneof(
  fc.constantFrom('1', '0', '-1', '99999999999999999999', 'abc', '%00', '..%2F..', '019a0000-0000-7000-8000-000000000001'),
  fc.uuid(),
);

/** Query strings for GET routes. */
export const query = fc.oneof(
  fc.constant(''),
  fc.constantFrom('?limit=5', '?limit=-1', '?limit=abc&offset=%ff', '?offset=1e9', `?limit=${'9'.repeat(400)}`),
  fc.constantFrom('?site=https://forum.example', '?site=https://forum.example&thread=1&k=5', '?site=https://forum.example&thread=%3Cscript%3E', '?site=https://forum.example&k=0'),
);
