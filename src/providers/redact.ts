// Scrubbing of secrets from anything that may be logged or shown: URLs, server-echoed error text,
// network error details. Keys must never reach a log, an error message or the webview.

const MASK = '***';

/** Query parameters whose values are credentials (Qianfan puts client_secret and access_token in the URL). */
const SECRET_QUERY_KEYS = new Set([
  'access_token',
  'access-token',
  'client_secret',
  'client_id',
  'api_key',
  'api-key',
  'apikey',
  'x-api-key',
  'ak',
  'sk',
  'accesskey',
  'access_key',
  'secretkey',
  'secret_key',
  'secret',
  'key',
  'token',
  'refresh_token',
  'signature',
  'sig',
  'password',
  'authorization',
]);

/** The same names as `name=value` inside free text (an echoed URL); not preceded by a name character, so `break=` is not `ak=`. */
const SECRET_QUERY_IN_TEXT = new RegExp(
  `(?<![A-Za-z0-9_-])((?:${[...SECRET_QUERY_KEYS].filter((k) => k !== 'key' && k !== 'token' && k !== 'sig').join('|')})=)[^&\\s"']+`,
  'gi',
);

// Shapes of credentials that are worth masking even when we were not told the exact value.
// Every pattern must stay linear on hostile text: a quantifier that can fail after a long run is
// bounded, so a text full of possible starts (e.g. "eyJ-eyJ-…") costs a constant per start.
const SECRET_PATTERNS: readonly RegExp[] = [
  /\b(Bearer|Basic)\s{1,16}[A-Za-z0-9._~+/=-]+/gi,
  /bce-v3\/[A-Za-z0-9._~+/=-]+/g,
  /bce-auth-v1\/[^\s"',]+/g,
  /\bsk-[A-Za-z0-9_-]{8,}/g,
  /\beyJ[A-Za-z0-9_-]{6,256}\.[A-Za-z0-9_-]{6,}(?:\.[A-Za-z0-9_-]+)?/g,
  SECRET_QUERY_IN_TEXT,
];

/** Every way a server may echo `secret`: raw, URL- and form-encoded, JSON-escaped (short and \uXXXX), base64. */
function encodedForms(secret: string): string[] {
  const url = encodeURIComponent(secret);
  const forms = [
    secret,
    url,
    url.replace(/%20/g, '+'),
    url.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    JSON.stringify(secret).slice(1, -1),
    Array.from({ length: secret.length }, (_, i) => `\\u${secret.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''),
    Buffer.from(secret, 'utf8').toString('base64'),
    Buffer.from(secret, 'utf8').toString('base64url'),
  ];
  // Longest first, so a form containing another is masked whole.
  return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

/** Replaces every known secret and every credential-shaped token in `text`. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    // Very short values would mask ordinary words; real keys are long.
    if (secret && secret.length >= 6) {
      for (const form of encodedForms(secret)) out = out.split(form).join(MASK);
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

/** A path segment that looks like a key (long, letters and digits mixed) rather than a route name. */
function tokenShaped(segment: string): boolean {
  return segment.length >= 24 && /^[A-Za-z0-9._~%+=-]+$/.test(segment) && /[0-9]/.test(segment) && /[A-Za-z]/.test(segment);
}

/** A URL safe to log: user info, credential query values and key-like path segments masked, other secrets scrubbed. */
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
  // Some gateways take the key in the path (https://host/v1/<key>/chat).
  parsed.pathname = parsed.pathname
    .split('/')
    .map((seg) => (tokenShaped(seg) ? MASK : seg))
    .join('/');
  // URLSearchParams encodes '*' as-is, so the mask stays readable.
  return redactText(parsed.toString(), secrets);
}

/** Where a request went, for logs: `scheme://host[:port]` only; paths and queries may carry keys. */
export function urlForLog(url: string | URL): string {
  try {
    const u = new URL(String(url));
    return `${u.protocol}//${u.host}`;
  } catch {
    return '(invalid URL)';
  }
}
