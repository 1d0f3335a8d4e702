// Scrubbing of secrets from anything that may be logged or shown: URLs, server-echoed error text,
// network error details. Keys must never reach a log, an error message or the webview.

const MASK = '***';

/** Query parameters whose values are credentials (Qianfan puts client_secret and access_token in the URL). */
const SECRET_QUERY_KEYS = new Set([
  'access_token',
  'client_secret',
  'client_id',
  'api_key',
  'apikey',
  'key',
  'token',
  'refresh_token',
  'signature',
  'sig',
  'password',
  'authorization',
]);

// Shapes of credentials that are worth masking even when we were not told the exact value.
// Every pattern must stay linear on hostile text: a quantifier that can fail after a long run is
// bounded, so a text full of possible starts (e.g. "eyJ-eyJ-…") costs a constant per start.
const SECRET_PATTERNS: readonly RegExp[] = [
  /\b(Bearer|Basic)\s{1,16}[A-Za-z0-9._~+/=-]+/gi,
  /bce-v3\/[A-Za-z0-9._~+/=-]+/g,
  /bce-auth-v1\/[^\s"',]+/g,
  /\bsk-[A-Za-z0-9_-]{8,}/g,
  /\beyJ[A-Za-z0-9_-]{6,256}\.[A-Za-z0-9_-]{6,}(?:\.[A-Za-z0-9_-]+)?/g,
  /((?:access_token|client_secret|client_id|api_key|refresh_token)=)[^&\s"']+/gi,
];

/** Replaces every known secret and every credential-shaped token in `text`. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    // Very short values would mask ordinary words; real keys are long.
    if (secret && secret.length >= 6) {
      out = out.split(secret).join(MASK);
    }
  }
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match, prefix: unknown) => {
      if (typeof prefix === 'string' && /=$/.test(prefix)) return `${prefix}${MASK}`;
      if (typeof prefix === 'string' && /^(bearer|basic)$/i.test(prefix)) return `${prefix} ${MASK}`;
      return match.startsWith('bce-') ? `${match.slice(0, 7)}${MASK}` : MASK;
    });
  }
  return out;
}

/** A URL safe to log: user info and credential query values masked, other secrets scrubbed. */
export function redactUrl(url: string | URL, secrets: readonly string[] = []): string {
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    return redactText(String(url), secrets);
  }
  if (parsed.username) parsed.username = MASK;
  if (parsed.password) parsed.password = MASK;
  for (const key of [...parsed.searchParams.keys()]) {
    if (SECRET_QUERY_KEYS.has(key.toLowerCase())) parsed.searchParams.set(key, MASK);
  }
  // URLSearchParams encodes '*' as-is, so the mask stays readable.
  return redactText(parsed.toString(), secrets);
}
