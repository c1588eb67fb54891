import { ApiFailure } from '../errors';

/**
 * Member pseudonyms: hex of HMAC-SHA256(PSEUDONYM_KEY, origin + "\n" + username), first
 * 32 hex digits (128 bits). Usernames are case-folded (NFKC, lower case) because forums
 * treat them case-insensitively. Without the key a pseudonym cannot be linked back to a
 * username, and the same person gets unrelated ids on different sites.
 */
export const PSEUDONYM_HEX_LENGTH = 32;
const MIN_KEY_LENGTH = 32;

const encoder = new TextEncoder();
let cachedKey: { secret: string; key: Promise<CryptoKey> } | undefined;

function hmacKey(secret: string | undefined): Promise<CryptoKey> {
  if (!secret || secret.length < MIN_KEY_LENGTH) {
    throw new ApiFailure(
      500,
      'server_misconfigured',
      `PSEUDONYM_KEY must be set to at least ${MIN_KEY_LENGTH} characters (wrangler secret put PSEUDONYM_KEY)`,
    );
  }
  if (cachedKey?.secret !== secret) {
    const key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    cachedKey = { secret, key };
  }
  return cachedKey.key;
}

export function normaliseUsername(username: string): string {
  return username.normalize('NFKC').trim().toLowerCase();
}

export async function pseudonym(secret: string | undefined, origin: string, username: string): Promise<string> {
  const key = await hmacKey(secret);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${origin}\n${normaliseUsername(username)}`));
  return [...new Uint8Array(mac)]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, PSEUDONYM_HEX_LENGTH);
}

/** Pseudonyms for many usernames of one site, each computed once. */
export async function pseudonyms(
  secret: string | undefined,
  origin: string,
  usernames: Iterable<string>,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const name of usernames) {
    if (!out.has(name)) out.set(name, await pseudonym(secret, origin, name));
  }
  return out;
}
