import { ApiFailure } from '../errors';

/**
 * Usernames owners may need to see ("who is at risk?") are kept encrypted at rest with
 * AES-GCM: base64(12-byte random IV + ciphertext). The key is SHA-256 of the
 * DISPLAY_NAME_KEY secret. Event rows never hold names, encrypted or not.
 */
const encoder = new TextEncoder();
let cached: { secret: string; key: Promise<CryptoKey> } | undefined;

function key(secret: string | undefined): Promise<CryptoKey> {
  if (!secret || secret.length < 32) {
    throw new ApiFailure(500, 'server_misconfigured', 'DISPLAY_NAME_KEY must be set to at least 32 characters');
  }
  if (cached?.secret !== secret) {
    const k = crypto.subtle
      .digest('SHA-256', encoder.encode(secret))
      .then((raw) => crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']));
    cached = { secret, key: k };
  }
  return cached.key;
}

export async function encryptName(secret: string | undefined, name: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await key(secret), encoder.encode(name));
  const out = new Uint8Array(12 + data.byteLength);
  out.set(iv);
  out.set(new Uint8Array(data), 12);
  let s = '';
  for (const b of out) s += String.fromCharCode(b);
  return btoa(s);
}

/** The name, or null when it cannot be decrypted (another key, damaged data). */
export async function decryptName(secret: string | undefined, sealed: string | null): Promise<string | null> {
  if (!sealed) return null;
  try {
    const bytes = Uint8Array.from(atob(sealed), (ch) => ch.charCodeAt(0));
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.slice(0, 12) }, await key(secret), bytes.slice(12));
    return new TextDecoder().decode(plain);
  } catch (e) {
    if (e instanceof ApiFailure) throw e;
    return null;
  }
}
