/**
 * Alert rules, as pure functions over plain data (the Worker feeds them from D1).
 * Thresholds are named constants, documented beside each rule.
 */

export const HEAT = {
  /** Posts in the recent window a thread needs before its share means anything. */
  minPosts: 5,
  /** z-score of the thread's negative (or toxic) share against the community's threads. */
  minZ: 2.5,
  /** …and the share itself must be at least this (a calm community's z can spike on little). */
  minShare: 0.3,
  /** Baseline spread never below this, so a uniformly calm history does not make every blip "infinite". */
  minSd: 0.05,
  /** A post counts as toxic from this toxicity score. */
  toxicFrom: 0.5,
} as const;

/** The two moods a thread can turn to; each has its own baseline. */
export const HEAT_MEASURES = ['negative', 'toxic'] as const;
export type HeatMeasure = (typeof HEAT_MEASURES)[number];

export interface ThreadMood {
  thread: string;
  /** Posts scored (above the confidence threshold) in the window. */
  posts: number;
  /** Of those, negative … */
  negative: number;
  /** … and toxic (a post can be both). */
  toxic: number;
}

export interface Baseline {
  mean: number;
  sd: number;
  threads: number;
}
export type Baselines = Record<HeatMeasure, Baseline>;

/** Mean and standard deviation of per-thread shares of one measure (threads with at least minPosts posts). */
export function heatBaseline(history: readonly ThreadMood[], measure: HeatMeasure): Baseline {
  const shares = history.filter((t) => t.posts >= HEAT.minPosts).map((t) => t[measure] / t.posts);
  if (shares.length === 0) return { mean: 0, sd: HEAT.minSd, threads: 0 };
  const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
  const variance = shares.reduce((a, b) => a + (b - mean) ** 2, 0) / shares.length;
  return { mean, sd: Math.max(Math.sqrt(variance), HEAT.minSd), threads: shares.length };
}

/** The community's baselines, one per measure. */
export const heatBaselines = (history: readonly ThreadMood[]): Baselines => ({
  negative: heatBaseline(history, 'negative'),
  toxic: heatBaseline(history, 'toxic'),
});

export interface HeatedThread {
  thread: string;
  posts: number;
  /** The measure that jumped (the larger z when both did). */
  measure: HeatMeasure;
  /** Its share in the window, its baseline mean, and the z-score. */
  share: number;
  baseline: number;
  z: number;
}

/**
 * Heated threads: for the negative share and for the toxic share, each against its own
 * baseline, z = (share − mean) / sd ≥ 2.5 with share ≥ 0.3 and at least 5 scored posts in
 * the window. A community whose threads are often negative still hears about a toxic
 * one. Hottest first.
 */
export function heatedThreads(recent: readonly ThreadMood[], baselines: Baselines): HeatedThread[] {
  const out: HeatedThread[] = [];
  for (const t of recent) {
    if (t.posts < HEAT.minPosts) continue;
    let best: HeatedThread | null = null;
    for (const measure of HEAT_MEASURES) {
      const share = t[measure] / t.posts;
      const b = baselines[measure];
      const z = (share - b.mean) / b.sd;
      if (z >= HEAT.minZ && share >= HEAT.minShare && (!best || z > best.z)) best = { thread: t.thread, posts: t.posts, measure, share, baseline: b.mean, z };
    }
    if (best) out.push(best);
  }
  return out.sort((a, b) => b.z - a.z);
}

export const PILE_ON = {
  windowMs: 60 * 60_000,
  /** Replies to one member's posts within the window … */
  minReplies: 6,
  /** … from at least this many different people. */
  minAuthors: 4,
} as const;

export interface Reply {
  /** Member replied to. */
  target: string;
  /** Member replying (null: unknown author, still counts as a reply, not as a distinct author). */
  author: string | null;
  ts: number;
  thread: string;
}

/**
 * Pile-ons: a member who received at least 6 replies from at least 4 different people
 * within any 60-minute window ending in the last hour. Largest first.
 */
export function pileOns(replies: readonly Reply[], now: number): Array<{ target: string; replies: number; authors: number; threads: string[] }> {
  const byTarget = new Map<string, Reply[]>();
  for (const r of replies) {
    if (r.ts > now || r.ts < now - 2 * PILE_ON.windowMs || r.author === r.target) continue;
    let list = byTarget.get(r.target);
    if (!list) byTarget.set(r.target, (list = []));
    list.push(r);
  }
  const out = [];
  for (const [target, list] of byTarget) {
    list.sort((a, b) => a.ts - b.ts);
    let best: Reply[] = [];
    for (let i = 0, j = 0; j < list.length; j++) {
      while (list[j]!.ts - list[i]!.ts > PILE_ON.windowMs) i++;
      if (list[j]!.ts >= now - PILE_ON.windowMs && j - i + 1 > best.length) best = list.slice(i, j + 1);
    }
    const authors = new Set(best.flatMap((r) => (r.author ? [r.author] : [])));
    if (best.length >= PILE_ON.minReplies && authors.size >= PILE_ON.minAuthors) {
      out.push({ target, replies: best.length, authors: authors.size, threads: [...new Set(best.map((r) => r.thread))] });
    }
  }
  return out.sort((a, b) => b.replies - a.replies);
}

export const NEW_ACCOUNTS = {
  /** An account is new for this long after it is first seen. */
  newForMs: 24 * 3_600_000,
  windowMs: 60 * 60_000,
  /** Posts by new accounts in the last hour … */
  minPosts: 8,
  /** … by at least this many new accounts. */
  minAccounts: 3,
} as const;

export interface AuthoredPost {
  author: string;
  authorFirstSeen: number;
  ts: number;
}

/** A burst of posts by new accounts in the last hour (spam waves), or null. */
export function newAccountBurst(posts: readonly AuthoredPost[], now: number): { posts: number; accounts: number } | null {
  const recent = posts.filter((p) => p.ts <= now && p.ts > now - NEW_ACCOUNTS.windowMs && p.ts - p.authorFirstSeen < NEW_ACCOUNTS.newForMs);
  const accounts = new Set(recent.map((p) => p.author)).size;
  return recent.length >= NEW_ACCOUNTS.minPosts && accounts >= NEW_ACCOUNTS.minAccounts ? { posts: recent.length, accounts } : null;
}

export const CORE_DROP = {
  /** Recent window and the earlier baseline window, in days. */
  recentDays: 14,
  baselineDays: 28,
  /** Baseline daily activity a member needs before a drop means anything. */
  minBaselinePerDay: 1,
  /** Recent daily activity at most this fraction of the baseline. */
  maxRatio: 0.3,
} as const;

export interface MemberActivity {
  memberId: string;
  level: string;
  /** Interactions per day over the recent window and over the baseline window before it. */
  recentPerDay: number;
  baselinePerDay: number;
}

/** Core members whose recent activity fell to 30% or less of their usual. Largest drop first. */
export function coreMemberDrops(members: readonly MemberActivity[]): Array<MemberActivity & { ratio: number }> {
  return members
    .filter((m) => m.level === 'core' && m.baselinePerDay >= CORE_DROP.minBaselinePerDay)
    .map((m) => ({ ...m, ratio: m.recentPerDay / m.baselinePerDay }))
    .filter((m) => m.ratio <= CORE_DROP.maxRatio)
    .sort((a, b) => a.ratio - b.ratio);
}
