import { sql } from 'drizzle-orm';
import type { SiteSelectors } from '../../../shared/schemas/auth';
import { foreignKey, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * D1 schema. Times are integer milliseconds since the epoch (UTC).
 * Raw usernames are never stored: members are keyed by a pseudonym (keyed HMAC of
 * site origin and username, see services/pseudonym.ts).
 */

const now = sql`(cast(unixepoch('subsecond') * 1000 as integer))`;

export const communities = sqliteTable('communities', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  /** Owners can switch per-member scores off for everyone (members still see their own). */
  memberScores: integer('member_scores', { mode: 'boolean' }).notNull().default(true),
  /** Where new alerts are POSTed (Slack/Discord-style JSON); null: no webhook. */
  webhookUrl: text('webhook_url'),
  createdAt: integer('created_at').notNull().default(now),
});

/** People holding a token: one account per joined browser, with a role in one community. */
export const accounts = sqliteTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['member', 'moderator', 'owner'] }).notNull(),
    /** SHA-256 (hex) of the bearer token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    label: text('label'),
    inviteId: text('invite_id'),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at'),
    /** Set on revocation (or when the member deletes their data): the token stops working at once. */
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('accounts_token_hash_unique').on(t.tokenHash), index('accounts_community_idx').on(t.communityId)],
);

export const invites = sqliteTable(
  'invites',
  {
    id: text('id').primaryKey(),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['member', 'moderator', 'owner'] }).notNull(),
    /** SHA-256 (hex) of the invite code; the code is shown once, never stored. */
    codeHash: text('code_hash').notNull(),
    note: text('note'),
    /** Account that made it; null when the operator did (ADMIN_TOKEN). */
    createdBy: text('created_by'),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    maxUses: integer('max_uses').notNull(),
    uses: integer('uses').notNull().default(0),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('invites_code_hash_unique').on(t.codeHash), index('invites_community_idx').on(t.communityId)],
);

export const sites = sqliteTable(
  'sites',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    /** e.g. https://forum.example.com */
    origin: text('origin').notNull(),
    engine: text('engine').notNull(),
    /** Owner-given CSS selectors for the generic adapter (JSON, shared/schemas/auth.ts). */
    selectors: text('selectors', { mode: 'json' }).$type<SiteSelectors>(),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('sites_origin_unique').on(t.origin)],
);

export const members = sqliteTable(
  'members',
  {
    /** Pseudonym: hex HMAC-SHA256(PSEUDONYM_KEY, origin + "\n" + lowercased username), 32 chars. */
    id: text('id').primaryKey(),
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    firstSeenAt: integer('first_seen_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    /** The username for owners' eyes: AES-GCM ciphertext (base64 of IV + data), key DISPLAY_NAME_KEY. */
    displayNameEnc: text('display_name_enc'),
  },
  (t) => [index('members_site_idx').on(t.siteId)],
);

/** Which forum identities (member pseudonyms) belong to which account: one account per identity. */
export const identities = sqliteTable(
  'identities',
  {
    memberId: text('member_id')
      .primaryKey()
      .references(() => members.id, { onDelete: 'cascade' }),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    linkedAt: integer('linked_at').notNull(),
  },
  (t) => [index('identities_account_idx').on(t.accountId)],
);

/** Pseudonyms of people who deleted their data: never recorded again. */
export const erasures = sqliteTable('erasures', {
  memberId: text('member_id').primaryKey(),
  erasedAt: integer('erased_at').notNull(),
});

export const threads = sqliteTable(
  'threads',
  {
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    /** The forum's own topic id. */
    extId: text('ext_id').notNull(),
    title: text('title'),
    url: text('url'),
    category: text('category'),
    /** Tags as a JSON array of strings. */
    tags: text('tags', { mode: 'json' }).$type<string[]>(),
    replyCount: integer('reply_count'),
    likeCount: integer('like_count'),
    viewCount: integer('view_count'),
    createdAt: integer('created_at'),
    firstSeenAt: integer('first_seen_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.extId] }), index('threads_site_created_idx').on(t.siteId, t.createdAt)],
);

/**
 * Top-k related threads per thread from members' reading (co-visitation), recomputed by
 * the scheduled handler (services/neighbours.ts). Rank 0 is the closest.
 */
export const threadNeighbours = sqliteTable(
  'thread_neighbours',
  {
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    item: text('item').notNull(),
    rank: integer('rank').notNull(),
    neighbour: text('neighbour').notNull(),
    score: real('score').notNull(),
    computedAt: integer('computed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.item, t.rank] })],
);

export const posts = sqliteTable(
  'posts',
  {
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    extId: text('ext_id').notNull(),
    threadExtId: text('thread_ext_id').notNull(),
    /** Pseudonymous author; null when the page hid the author. */
    authorMemberId: text('author_member_id').references(() => members.id, { onDelete: 'set null' }),
    postNumber: integer('post_number'),
    replyToNumber: integer('reply_to_number'),
    createdAt: integer('created_at'),
    /** Latest like count seen on the page. */
    likeCount: integer('like_count'),
    /** SHA-256 of the post's text as scored (text_scores); the text itself is never stored. */
    textHash: text('text_hash'),
    firstSeenAt: integer('first_seen_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.siteId, t.extId] }),
    foreignKey({ columns: [t.siteId, t.threadExtId], foreignColumns: [threads.siteId, threads.extId] }).onDelete(
      'cascade',
    ),
    index('posts_author_idx').on(t.authorMemberId),
    index('posts_thread_idx').on(t.siteId, t.threadExtId, t.postNumber),
    index('posts_reply_to_idx').on(t.siteId, t.threadExtId, t.replyToNumber),
    // The alert rules read a site's recent posts (services/alerts.ts) after every page that changed something.
    index('posts_site_created_idx').on(t.siteId, t.createdAt),
  ],
);

export const events = sqliteTable(
  'events',
  {
    /** Client-made UUIDv7; inserts use ON CONFLICT DO NOTHING so retries store once. */
    id: text('id').primaryKey(),
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    /** Pseudonymous viewer; null for signed-out browsing. */
    memberId: text('member_id').references(() => members.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    /** Client time of the event. */
    ts: integer('ts').notNull(),
    receivedAt: integer('received_at').notNull(),
    threadExtId: text('thread_ext_id'),
    postExtId: text('post_ext_id'),
    /** Numeric payload: dwell milliseconds. */
    value: real('value'),
    /** Extra JSON payload for event types that need it. */
    props: text('props'),
  },
  (t) => [
    index('events_member_ts_idx').on(t.memberId, t.ts),
    index('events_site_thread_idx').on(t.siteId, t.threadExtId),
  ],
);

/**
 * Daily activity per member and site (the scheduled rollup, services/rollups.ts): what the
 * dashboard and the churn model read instead of raw events. Recomputed whole per day, so
 * running the rollup twice changes nothing.
 */
export const memberDays = sqliteTable(
  'member_days',
  {
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    communityId: integer('community_id').notNull(),
    memberId: text('member_id').notNull(),
    /** UTC day: floor(ms / 86,400,000). */
    day: integer('day').notNull(),
    views: integer('views').notNull().default(0),
    seen: integer('seen').notNull().default(0),
    readingMs: integer('reading_ms').notNull().default(0),
    likesGiven: integer('likes_given').notNull().default(0),
    replies: integer('replies').notNull().default(0),
    topics: integer('topics').notNull().default(0),
    posts: integer('posts').notNull().default(0),
    likesReceived: integer('likes_received').notNull().default(0),
    repliesReceived: integer('replies_received').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.memberId, t.day] }), index('member_days_community_day_idx').on(t.communityId, t.day)],
);

/** How far each site's rollup has read (received / updated times, ms). */
export const rollupState = sqliteTable('rollup_state', {
  siteId: integer('site_id')
    .primaryKey()
    .references(() => sites.id, { onDelete: 'cascade' }),
  eventsReceivedTo: integer('events_received_to').notNull().default(0),
  postsUpdatedTo: integer('posts_updated_to').notNull().default(0),
  rolledUpAt: integer('rolled_up_at').notNull().default(0),
});

/** The community's churn model (plain JSON, shared/churn), retrained by the cron. */
export const churnModels = sqliteTable('churn_models', {
  communityId: integer('community_id')
    .primaryKey()
    .references(() => communities.id, { onDelete: 'cascade' }),
  trainedAt: integer('trained_at').notNull(),
  model: text('model', { mode: 'json' }).notNull(),
});

/** Each member's latest churn risk with its top reasons (JSON). */
export const memberRisk = sqliteTable(
  'member_risk',
  {
    memberId: text('member_id').primaryKey(),
    communityId: integer('community_id').notNull(),
    risk: real('risk').notNull(),
    reasons: text('reasons', { mode: 'json' }).notNull(),
    computedAt: integer('computed_at').notNull(),
  },
  (t) => [index('member_risk_community_idx').on(t.communityId, t.risk)],
);

/** Each member's community-relative engagement, scored by the cron from the rollups. */
export const memberScores = sqliteTable(
  'member_scores',
  {
    memberId: text('member_id').primaryKey(),
    communityId: integer('community_id').notNull(),
    score: integer('score').notNull(),
    level: text('level').notNull(),
    trendDirection: text('trend_direction').notNull(),
    trendDelta: real('trend_delta'),
    components: text('components', { mode: 'json' }).notNull(),
    computedAt: integer('computed_at').notNull(),
  },
  (t) => [index('member_scores_community_idx').on(t.communityId, t.score)],
);

/**
 * Each member's activity as annotate answers it (services/activity.ts), computed on first
 * need and kept until a change to their posts or events deletes the row (triggers in
 * migrations/0010_member_activity_triggers.sql): a warm annotate is one indexed read.
 */
export const memberActivity = sqliteTable('member_activity', {
  memberId: text('member_id')
    .primaryKey()
    .references(() => members.id, { onDelete: 'cascade' }),
  posts: integer('posts').notNull(),
  topics: integer('topics').notNull(),
  replies: integer('replies').notNull(),
  likesReceived: integer('likes_received').notNull(),
  repliesReceived: integer('replies_received').notNull(),
  daysActive: integer('days_active').notNull(),
  lastActiveAt: integer('last_active_at'),
  computedAt: integer('computed_at').notNull(),
});

/** Sentiment and toxicity of a text, by SHA-256 of the text and model version: each text is scored once. */
export const textScores = sqliteTable(
  'text_scores',
  {
    textHash: text('text_hash').notNull(),
    modelVersion: text('model_version').notNull(),
    label: text('label', { enum: ['negative', 'neutral', 'positive'] }).notNull(),
    negative: real('negative').notNull(),
    neutral: real('neutral').notNull(),
    positive: real('positive').notNull(),
    confidence: real('confidence').notNull(),
    toxic: real('toxic').notNull(),
    offensive: real('offensive').notNull(),
    hate: real('hate').notNull(),
    language: text('language').notNull(),
    /** 'worker' (scored at the edge) or 'device' (scored in the browser, only scores sent). */
    source: text('source').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.textHash, t.modelVersion] })],
);

/** Moderators' corrections of a post's label: kept, and exported as training data. */
export const labelCorrections = sqliteTable(
  'label_corrections',
  {
    id: text('id').primaryKey(),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    siteId: integer('site_id').notNull(),
    postExtId: text('post_ext_id').notNull(),
    textHash: text('text_hash'),
    task: text('task', { enum: ['sentiment', 'toxicity'] }).notNull(),
    label: text('label').notNull(),
    /** The label the model gave. */
    modelLabel: text('model_label'),
    /** The post's text as scored (prepareText), kept as training data; dropped when its author erases their data. */
    text: text('text'),
    accountId: text('account_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('label_corrections_post_task_account').on(t.siteId, t.postExtId, t.task, t.accountId)],
);

/** Alerts for moderators (shared/alerts/rules.ts), with who acknowledged and resolved them. */
export const alerts = sqliteTable(
  'alerts',
  {
    id: text('id').primaryKey(),
    communityId: integer('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'cascade' }),
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    severity: text('severity').notNull(),
    threadExtId: text('thread_ext_id'),
    memberId: text('member_id'),
    details: text('details', { mode: 'json' }).$type<Record<string, number>>().notNull(),
    /** One open alert per subject: kind + site + thread or member. */
    dedupKey: text('dedup_key').notNull(),
    openedAt: integer('opened_at').notNull(),
    status: text('status', { enum: ['open', 'acknowledged', 'resolved'] }).notNull().default('open'),
    acknowledgedAt: integer('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
    resolvedAt: integer('resolved_at'),
    resolvedBy: text('resolved_by'),
  },
  (t) => [index('alerts_community_status_idx').on(t.communityId, t.status, t.openedAt), index('alerts_dedup_idx').on(t.dedupKey, t.status)],
);

export const schema = {
  communities,
  accounts,
  invites,
  sites,
  members,
  identities,
  erasures,
  threads,
  threadNeighbours,
  posts,
  events,
  memberDays,
  rollupState,
  churnModels,
  memberRisk,
  memberScores,
  memberActivity,
  textScores,
  labelCorrections,
  alerts,
};
