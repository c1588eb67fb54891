/**
 * Random secrets and their hashes. Tokens and invite codes are shown once and stored
 * only as SHA-256 hashes: a leaked database cannot be replayed against the API.
 */
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A bearer token: `cp_` + 256 random bits. */
export function newToken(): string {
  return `cp_${base64url(randomBytes(32))}`;
}

/** An invite code people can paste: `CP-` + 26 base32 characters (130 random bits). */
export function newInviteCode(): string {
  const bytes = randomBytes(26);
  return `CP-${[...bytes].map((b) => BASE32[b & 31]).join('')}`;
}

export function newId(): string {
  return crypto.randomUUID();
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Compares two secrets without leaking where they differ (both hashed first: equal lengths). */
export async function secretsEqual(a: string, b: string): Promise<boolean> {
  const [ha, hb] = await Promise.all([sha256Hex(a), sha256Hex(b)]);
  let diff = 0;
  for (let i = 0; i < ha.length; i++) diff |= ha.charCodeAt(i) ^ hb.charCodeAt(i);
  return diff === 0;
}
