import { z } from 'zod';
import { engineSchema, originSchema } from './common';

/** Roles inside a community, weakest first. */
export const roleSchema = z.enum(['member', 'moderator', 'owner']);
export type Role = z.infer<typeof roleSchema>;
export const ROLE_RANK: Record<Role, number> = { member: 1, moderator: 2, owner: 3 };

/** An invite code as shown to people: `CP-` and 26 base32 characters (130 random bits). */
export const inviteCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^CP-[A-Z2-7]{26}$/, 'Expected an invite code such as CP-ABCDEFGHIJKLMNOPQRSTUVWXYZ');

export const siteInputSchema = z.strictObject({ origin: originSchema, engine: engineSchema });
export type SiteInput = z.infer<typeof siteInputSchema>;

/**
 * CSS selectors an owner gives for a site the adapters read badly; the extension's
 * generic adapter uses them (extension/adapters/generic/selectors.ts). `post` selects
 * each post; the rest are looked up inside it (`title` in the page; `id` may be
 * `@attribute` of the post element). Selector syntax is checked in the browser.
 */
const selector = z.string().trim().min(1).max(500);
export const siteSelectorsSchema = z.strictObject({
  post: selector,
  author: selector.optional(),
  authorLink: selector.optional(),
  time: selector.optional(),
  body: selector.optional(),
  title: selector.optional(),
  id: selector.optional(),
});
export type SiteSelectors = z.infer<typeof siteSelectorsSchema>;

export const siteSchema = z.object({
  id: z.int(),
  origin: z.string(),
  engine: z.string(),
  selectors: siteSelectorsSchema.nullable(),
});

/** PATCH /v1/sites/:id (owner): the engine, or custom selectors (null removes them). */
export const sitePatchSchema = z
  .strictObject({ engine: engineSchema.optional(), selectors: siteSelectorsSchema.nullable().optional() })
  .refine((p) => p.engine !== undefined || p.selectors !== undefined, { message: 'Send engine and/or selectors' });
export type SitePatch = z.input<typeof sitePatchSchema>;
export type Site = z.infer<typeof siteSchema>;

export const communitySchema = z.object({
  id: z.int(),
  name: z.string(),
  sites: z.array(siteSchema),
  settings: z.object({ memberScores: z.boolean() }),
});
export type Community = z.infer<typeof communitySchema>;

/** POST /v1/admin/communities (operator, ADMIN_TOKEN) */
export const createCommunitySchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  sites: z.array(siteInputSchema).min(1).max(20),
});
export type CreateCommunity = z.infer<typeof createCommunitySchema>;

/** POST /v1/invites (owner) and POST /v1/admin/communities/:id/invites */
export const createInviteSchema = z.strictObject({
  role: roleSchema,
  /** Days until the code stops working; default 7, at most a year. */
  expiresInDays: z.int().min(1).max(365).default(7),
  /** How many people may join with it; default 1. */
  maxUses: z.int().min(1).max(10_000).default(1),
  note: z.string().trim().max(200).optional(),
});
export type CreateInvite = z.input<typeof createInviteSchema>;

export const inviteSchema = z.object({
  id: z.string(),
  role: roleSchema,
  note: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  maxUses: z.int(),
  uses: z.int(),
  revokedAt: z.string().nullable(),
});
export type Invite = z.infer<typeof inviteSchema>;

/** The answer that carries an invite code: the only time the code is shown. */
export const createdInviteSchema = z.object({ code: z.string(), invite: inviteSchema, community: communitySchema });
export type CreatedInvite = z.infer<typeof createdInviteSchema>;

/** POST /v1/join */
export const joinRequestSchema = z.strictObject({
  code: inviteCodeSchema,
  /** What the member calls this browser, shown to owners (e.g. "laptop"). */
  label: z.string().trim().max(60).optional(),
});

export const joinResponseSchema = z.object({
  /** Bearer token: shown once, stored by the Worker only as a hash. */
  token: z.string(),
  account: z.object({ id: z.string(), role: roleSchema }),
  community: communitySchema,
});
export type JoinResponse = z.infer<typeof joinResponseSchema>;

export const accountSchema = z.object({
  id: z.string(),
  role: roleSchema,
  label: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  /** Forum identities (pseudonyms) linked to the account. */
  identities: z.int(),
});
export type Account = z.infer<typeof accountSchema>;

/** GET /v1/me */
export const meResponseSchema = z.object({
  account: z.object({ id: z.string(), role: roleSchema, label: z.string().nullable(), createdAt: z.string() }),
  community: communitySchema,
  identities: z.array(z.object({ memberId: z.string(), site: z.string() })),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

/** PATCH /v1/community/settings (owner) */
export const settingsPatchSchema = z.strictObject({ memberScores: z.boolean() });
