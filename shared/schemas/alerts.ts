import { z } from 'zod';
import { externalIdSchema, originSchema } from './common';

/**
 * Alerts for moderators, computed by the scheduled handler and on ingest
 * (worker/src/services/alerts.ts):
 * - `heated_thread`: a thread's negative or toxic share jumps (z-score against the
 *   community's baseline);
 * - `pile_on`: many replies to one member in a short time;
 * - `new_account_burst`: a burst of posts by new accounts (spam);
 * - `core_member_drop`: a core member's activity drops.
 */
export const alertKindSchema = z.enum(['heated_thread', 'pile_on', 'new_account_burst', 'core_member_drop']);
export type AlertKind = z.infer<typeof alertKindSchema>;

export const alertSchema = z.object({
  id: z.string(),
  kind: alertKindSchema,
  severity: z.enum(['info', 'warning', 'critical']),
  site: z.string(),
  thread: z.object({ id: z.string(), title: z.string().nullable(), url: z.string().nullable() }).nullable(),
  /** The member concerned (pile-on target, core member), as a pseudonym … */
  memberId: z.string().nullable(),
  /** … and, for owners only, their name. */
  displayName: z.string().nullable(),
  /** The numbers behind the alert, e.g. { negativeShare: 0.6, baseline: 0.1, z: 3.2, posts: 14 }. */
  details: z.record(z.string(), z.number()),
  openedAt: z.string(),
  status: z.enum(['open', 'acknowledged', 'resolved']),
  acknowledgedAt: z.string().nullable(),
  /** Account id of who acknowledged / resolved. */
  acknowledgedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
});
export type Alert = z.infer<typeof alertSchema>;

/** GET /v1/alerts?status=open|all[&site=&thread=] (moderators and owners). */
export const alertsQuerySchema = z.object({
  status: z.enum(['open', 'all']).default('open'),
  site: originSchema.optional(),
  thread: externalIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const alertsResponseSchema = z.object({ alerts: z.array(alertSchema), open: z.int() });
export type AlertsResponse = z.infer<typeof alertsResponseSchema>;

/** POST /v1/alerts/:id/ack and /v1/alerts/:id/resolve answer the updated alert. */
export const alertResponseSchema = z.object({ alert: alertSchema });

/** PATCH /v1/community/webhook (owners): a Slack/Discord-style JSON POST per new alert; null removes it. */
export const webhookSchema = z.strictObject({ url: z.url({ protocol: /^https$/ }).max(2000).nullable() });
