import { z } from 'zod';
import { MAX_POSTS_PER_ANNOTATE } from '../constants';
import { engineSchema, externalIdSchema, instantSchema, originSchema, usernameSchema } from './common';
import { engagementSchema } from './engagement';

const count = z.int().min(0).max(1_000_000_000).nullable().default(null);

export const threadInputSchema = z.strictObject({
  id: externalIdSchema,
  title: z.string().max(500).nullable(),
  url: z.url({ protocol: /^https?$/ }).max(2000).nullable(),
  category: z.string().max(200).nullable(),
  createdAt: instantSchema.nullable(),
  /** Tags (recommendations group by them). */
  tags: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
  replyCount: count,
  likeCount: count,
  viewCount: count,
});
export type ThreadInput = z.input<typeof threadInputSchema>;

/** What the page shows of one post. Post text is not sent. */
export const postInputSchema = z.strictObject({
  id: externalIdSchema,
  /** Position in the thread, 1 = the opening post, where the engine numbers posts. */
  number: z.int().min(1).nullable(),
  /** Username of the author; null when the page hides it (deleted user). */
  author: usernameSchema.nullable(),
  createdAt: instantSchema.nullable(),
  likeCount: z.int().min(0).max(10_000_000).nullable(),
  /** The post number this one replies to, where the engine says so. */
  replyToNumber: z.int().min(1).nullable(),
});
export type PostInput = z.infer<typeof postInputSchema>;

export const annotateRequestSchema = z.strictObject({
  site: originSchema,
  engine: engineSchema,
  thread: threadInputSchema,
  posts: z.array(postInputSchema).max(MAX_POSTS_PER_ANNOTATE),
});
export type AnnotateRequest = z.input<typeof annotateRequestSchema>;
export type AnnotateRequestParsed = z.infer<typeof annotateRequestSchema>;

export const authorActivitySchema = z.object({
  /** Posts they wrote that the Worker has seen (topics plus replies). */
  posts: z.int(),
  /** Threads they opened. */
  topics: z.int(),
  /** Posts they wrote in other people's threads or below the opening post. */
  replies: z.int(),
  /** Posts by others answering one of theirs (or their thread's opening post). */
  repliesReceived: z.int(),
  /** Sum of the latest like counts seen on their posts. */
  likesReceived: z.int(),
  /** Distinct UTC days with a post by them or an event of theirs. */
  daysActive: z.int(),
  lastActiveAt: z.string().nullable(),
});
export type AuthorActivity = z.infer<typeof authorActivitySchema>;

export const authorAnnotationSchema = z.object({
  /** The username as sent in the request. */
  author: z.string(),
  /** Pseudonymous member id (keyed HMAC of site and username). */
  memberId: z.string(),
  activity: authorActivitySchema,
  engagement: engagementSchema,
});
export type AuthorAnnotation = z.input<typeof authorAnnotationSchema>;

export const annotateResponseSchema = z.object({
  thread: z.string(),
  /**
   * `all`: every author's score (moderators and owners); `own`: only the caller's own
   * (members, or anyone while the owner has per-member scores switched off).
   */
  visibility: z.enum(['all', 'own']),
  authors: z.array(authorAnnotationSchema),
});
export type AnnotateResponse = z.input<typeof annotateResponseSchema>;
