/** Longest URL a link may carry; longer ones are far more likely to smuggle data than to be read. */
const MAX_URL_LENGTH = 4096;

/**
 * The only links model output may produce: absolute http(s) URLs with a host. Everything else
 * (`javascript:`, `vbscript:`, `data:`, `file:`, `command:`, `vscode:`, relative paths, `//host`)
 * returns undefined and is shown as plain text. Returns the URL in its canonical form, which is
 * what the host is asked to open.
 */
export function safeLinkUrl(raw: string): string | undefined {
  if (raw.length === 0 || raw.length > MAX_URL_LENGTH) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.hostname === '') return undefined;
  return url.href;
}
