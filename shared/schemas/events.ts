import { z } from 'zod';
import { MAX_DWELL_MS, MAX_EVENTS_PER_BATCH } from '../constants';
import { eventIdSchema, externalIdSchema, instantSchema, originSchema, usernameSchema } from './common';

/** Fields every event carries. */
const base = {
  /** Client-made UUIDv7: stored as the primary key, so a retried batch is stored once. */
  id: eventIdSchema,
  /** When it happened, by the client's clock. */
  ts: instantSchema,
  /** Origin of the forum the event happened on. */
  site: originSchema,
  /** Signed-in username of the viewer as the page shows it; null when browsing signed out. */
  actor: usernameSchema.nullable(),
};

const thread = externalIdSchema;
const post = externalIdSchema;

export const pageViewEventSchema = z.strictObject({
  ...base,
  type: z.literal('page_view'),
  thread: thread.nullable(),
});

/** Time the page was visible and the viewer active, reported when they leave or hide it. */
export const dwellEventSchema = z.strictObject({
  ...base,
  type: z.literal('dwell'),
  thread: thread.nullable(),
  durationMs: z.int().min(0).max(MAX_DWELL_MS),
});

/** A post stayed at least half on screen for a moment. */
export const postSeenEventSchema = z.strictObject({
  ...base,
  type: z.literal('post_seen'),
  thread,
  post,
});

export const likeEventSchema = z.strictObject({
  ...base,
  type: z.literal('like'),
  thread,
  post,
});

/** The viewer replied; `post` is the post replied to when known. */
export const replyEventSchema = z.strictObject({
  ...base,
  type: z.literal('reply'),
  thread,
  post: post.nullable(),
});

/**
 * What the viewer did with the "recommended for you" panel: a recommended thread shown,
 * opened, or dismissed ("not interested"). `thread` is the recommended thread, `from`
 * the thread being read, `rank` its place in the list (0 first).
 */
export const recEventSchema = z.strictObject({
  ...base,
  type: z.enum(['rec_impression', 'rec_click', 'rec_dismiss']),
  thread,
  from: thread.nullable(),
  rank: z.int().min(0).max(50),
});

export const eventSchema = z.discriminatedUnion('type', [
  pageViewEventSchema,
  dwellEventSchema,
  postSeenEventSchema,
  likeEventSchema,
  replyEventSchema,
  recEventSchema,
]);
export type PulseEvent = z.infer<typeof eventSchema>;
export type PulseEventType = PulseEvent['type'];

export const eventBatchSchema = z.strictObject({
  events: z.array(eventSchema).min(1).max(MAX_EVENTS_PER_BATCH),
});
export type EventBatch = z.infer<typeof eventBatchSchema>;

export const eventBatchResultSchema = z.object({
  /** Events in the request. */
  received: z.int(),
  /** Events newly stored (the rest were already stored by an earlier attempt). */
  stored: z.int(),
});
export type EventBatchResult = z.infer<typeof eventBatchResultSchema>;
