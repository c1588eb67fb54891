/**
 * Public key of the extension (manifest `key`): it fixes the extension id, so the Worker
 * can allow exactly this extension's origin (ALLOWED_ORIGINS in wrangler.toml):
 * chrome-extension://fdiheghldhjilfgmipnopgdddbofnhkg
 * Only the public half exists; the Chrome Web Store assigns its own key on publication.
 */
export const EXTENSION_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAkEu/TOr0Jbok7hX2eWvq41EWPBuCsggu+uQTvOanNGv0mDEu9Iy16jZR5c3/3b3ZSefAcPKJq7ihJmgFJxgQzf2q9db1p1W/IpGA/RJRpVviIthMiEti3SauoFmCuUfZZmuxyLfShfOxPRgQo/5D9ubsSSiGMaj2/m4NlQ9g2k/ZwXRh3Gbpgmq3rWjFTl8zdiSltqHY2G5ci28bnv3QPQCWXu3zlf3vDqRBoSfNGFHhgSf9dUxCqN5KXOb+zvMbhEb+FZQm+903lZV4jGEMcT/Ft1GAvzv3uAySpkS6XkdfbAVRwtTo/0+fEMIFrKyqo/QWan/QKz3CGE7RKehZRwIDAQAB';
export const EXTENSION_ID = 'fdiheghldhjilfgmipnopgdddbofnhkg';
