import { z } from 'zod';
import { MAX_POSTS_PER_ANNOTATE } from '../constants';
import { MAX_TEXT_CHARS } from '../sentiment/prepare';
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

const unit = z.number().min(0).max(1);

/** How far the three sentiment probabilities of client scores may sum away from 1. */
export const PROBS_SUM_TOLERANCE = 0.01;

/**
 * Scores a browser made of a post's text in on-device mode (the extension's offscreen
 * document running the shipped model, or an owner-chosen Hugging Face model, in
 * transformers.js): sent instead of the text, which then never leaves the browser. The
 * Worker answers with them for this request only and stores them nowhere (never in the
 * text_scores cache other communities read).
 */
export const clientScoresSchema = z
  .strictObject({
    /** Which model made them: "pulse-sentiment@<version>" for the shipped one, else a hub id. */
    model: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[\w.@/-]+$/),
    sentiment: z.strictObject({
      label: z.enum(['negative', 'neutral', 'positive']),
      probs: z.strictObject({ negative: unit, neutral: unit, positive: unit }),
    }),
    toxicity: z.strictObject({ toxic: unit, offensive: unit, hate: unit }),
    language: z.enum(['en', 'zh', 'mixed', 'other']),
  })
  .superRefine((s, ctx) => {
    const p = s.sentiment.probs;
    const sum = p.negative + p.neutral + p.positive;
    if (Math.abs(sum - 1) > PROBS_SUM_TOLERANCE) {
      ctx.addIssue({ code: 'custom', path: ['sentiment', 'probs'], message: `sentiment probabilities sum to ${sum}, not 1` });
    }
    if (p[s.sentiment.label] < Math.max(p.negative, p.neutral, p.positive) - 1e-9) {
      ctx.addIssue({ code: 'custom', path: ['sentiment', 'label'], message: 'label is not the most probable sentiment' });
    }
  });
export type ClientScores = z.infer<typeof clientScoresSchema>;

/**
 * What the page shows of one post. `text` (the post's plain text, at most MAX_TEXT_CHARS
 * UTF-16 units: the extension sends `prepareText(text)`) is scored for sentiment and
 * toxicity and forgotten: the Worker keeps only its SHA-256 and the scores.
 */
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
  /** Plain text to score (never stored); left out in on-device mode or when not read. */
  text: z.string().max(MAX_TEXT_CHARS).optional(),
  /** On-device mode: the browser's scores of the text, sent instead of it (never with it). */
  scores: clientScoresSchema.optional(),
}).refine((p) => p.text === undefined || p.scores === undefined, {
  path: ['scores'],
  message: 'send either text or scores, not both',
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

const probability = z.number().min(0).max(1);

/** Sentiment and toxicity of one post's text (shared/sentiment), as moderators see them. */
export const postSentimentSchema = z.object({
  /** The post's id, as sent. */
  id: z.string(),
  sentiment: z.object({
    label: z.enum(['negative', 'neutral', 'positive']),
    probs: z.object({ negative: probability, neutral: probability, positive: probability }),
    confidence: probability,
    /** Confidence below CONFIDENCE_THRESHOLD: shown, marked uncertain, not counted. */
    uncertain: z.boolean(),
  }),
  toxicity: z.object({
    toxic: probability,
    offensive: probability,
    hate: probability,
    /** The outputs at or above their thresholds (toxicityThresholds()). */
    flagged: z.array(z.enum(['toxic', 'offensive', 'hate'])),
  }),
  language: z.string(),
  /** SENTIMENT_MODEL_VERSION of the scores. */
  model: z.string(),
  /** Read from the D1 cache (scored on an earlier request) rather than scored now. */
  cached: z.boolean(),
});
export type PostSentiment = z.infer<typeof postSentimentSchema>;

export const annotateResponseSchema = z.object({
  thread: z.string(),
  /**
   * `all`: every author's score (moderators and owners); `own`: only the caller's own
   * (members, or anyone while the owner has per-member scores switched off).
   */
  visibility: z.enum(['all', 'own']),
  authors: z.array(authorAnnotationSchema),
  /**
   * Per post with text: sentiment and toxicity. Moderators and owners only (members get
   * none); independent of the per-member scores switch, since they describe posts.
   */
  posts: z.array(postSentimentSchema).optional(),
});
export type AnnotateResponse = z.input<typeof annotateResponseSchema>;
