import { z } from 'zod';

/**
 * A site origin such as `https://forum.example.com` (scheme, host and port only).
 * Communities are keyed by the origins their forums run on.
 */
export const originSchema = z
  .string()
  .max(200)
  .refine(isOrigin, { message: 'Expected an origin such as https://forum.example.com (no path)' });

export function isOrigin(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
}

/** UUIDv7 made by the client: time-ordered, the event's primary key (dedup on retry). */
export const eventIdSchema = z.uuid({ version: 'v7', message: 'Expected a UUIDv7' });

/** An ISO-8601 instant with an offset or Z, between 2000 and 2100. */
export const instantSchema = z.iso
  .datetime({ offset: true, message: 'Expected an ISO-8601 date-time such as 2024-05-01T12:00:00Z' })
  .refine(
    (s) => {
      const t = Date.parse(s);
      return t >= Date.UTC(2000, 0, 1) && t < Date.UTC(2100, 0, 1);
    },
    { message: 'Date-time out of range (2000-2099)' },
  );

/** A forum's own id for a thread or post, as the adapter read it from the page. */
export const externalIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\w.:\-/]+$/, 'Expected letters, digits and . : - _ / only');

/**
 * A forum username as shown on the page. Sent so the Worker can derive the member's
 * pseudonym; it is never stored in event rows.
 */
export const usernameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: 'Control characters are not allowed' });

/** Forum engines the adapters know. */
export const engineSchema = z.enum([
  'discourse',
  'hackernews',
  'reddit',
  'stackexchange',
  'phpbb',
  'nodebb',
  'lobsters',
  'xenforo',
  'github',
  'generic',
]);
export type Engine = z.infer<typeof engineSchema>;
