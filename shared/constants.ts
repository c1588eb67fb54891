/** Limits and defaults shared by the extension and the Worker. */

/** Most events one `POST /v1/events` request may carry. */
export const MAX_EVENTS_PER_BATCH = 500;

/** Most posts one `POST /v1/annotate` request may carry. */
export const MAX_POSTS_PER_ANNOTATE = 500;

/** D1 refuses statements with more than 100 bound parameters. */
export const D1_MAX_BOUND_PARAMS = 100;

/** Largest request body the Worker reads, in bytes (a full batch of events is ~250 kB). */
export const MAX_BODY_BYTES = 1_000_000;

/** Where a freshly installed extension looks for the Worker (`wrangler dev` default). */
export const DEFAULT_WORKER_URL = 'http://127.0.0.1:8787';

/** Longest dwell one event may report: a day, in milliseconds. */
export const MAX_DWELL_MS = 86_400_000;

/**
 * Sentiment confidence below which a label is shown as uncertain and not counted: the
 * kernel's CONFIDENCE_THRESHOLD (shared/sentiment), repeated here so the extension's
 * content script need not bundle the model to print it (a test keeps them equal).
 */
export const SENTIMENT_CONFIDENCE_THRESHOLD = 0.6;

/** Sentiment labels, in the kernel's output order. */
export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
/** Toxicity as one label: offensive and hate both imply toxic. */
export const TOXICITY_LABELS = ['not_toxic', 'offensive', 'hate'] as const;
