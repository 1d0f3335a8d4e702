// Which undici dispatcher carries a request: direct, or through a proxy. VS Code patches Node's
// http/https for `http.proxy` but undici bypasses that, so the host passes the settings in and we
// honour them (and HTTPS_PROXY / HTTP_PROXY / NO_PROXY, given as an object for testability).
// undici's EnvHttpProxyAgent reads process.env itself (and warns that it is experimental), so
// selection is done here and undici's ProxyAgent does the proxying.

import { Agent, ProxyAgent, type Dispatcher } from 'undici';
import { redactUrl } from '../redact';

export interface ProxySettings {
  /** VS Code `http.proxy`; wins over the environment. */
  readonly proxy?: string;
  /** VS Code `http.proxyStrictSSL` (default true). VS Code applies it to all requests; so do we. */
  readonly strictSSL?: boolean;
  /** VS Code `http.noProxy`: hosts that bypass the proxy. Added to NO_PROXY. */
  readonly noProxy?: readonly string[] | string;
  /** Environment to read HTTPS_PROXY, HTTP_PROXY, NO_PROXY from (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface DispatcherOptions {
  /** TCP/TLS connect timeout. */
  readonly connectTimeoutMs?: number;
}

function envValue(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  // Lowercase first, as curl and undici do.
  const v = env[name.toLowerCase()] ?? env[name.toUpperCase()];
  return v && v.trim() ? v.trim() : undefined;
}

function withScheme(proxy: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
}

interface NoProxyEntry {
  readonly host: string;
  readonly port?: number;
}

function parseNoProxy(list: readonly string[]): NoProxyEntry[] {
  const entries: NoProxyEntry[] = [];
  for (const raw of list) {
    for (const item of raw.split(/[\s,]+/)) {
      if (!item) continue;
      // [v6]:port, host:port, or a bare host (a bare IPv6 address has several colons).
      const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(item) ?? /^([^:]+):(\d+)$/.exec(item);
      const host = (m ? m[1] : item).toLowerCase();
      entries.push({ host, port: m?.[2] ? Number(m[2]) : undefined });
    }
  }
  return entries;
}

function defaultPort(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

/** NO_PROXY semantics: `*`, exact host, `.suffix` / `*.suffix` / bare domain covering subdomains, optional `:port`. */
export function bypassesProxy(url: URL, noProxy: readonly string[]): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = defaultPort(url);
  for (const e of parseNoProxy(noProxy)) {
    if (e.port !== undefined && e.port !== port) continue;
    if (e.host === '*') return true;
    const bare = e.host.replace(/^\*?\./, '');
    if (host === bare || host.endsWith(`.${bare}`)) return true;
  }
  return false;
}

/** The proxy URL for `url`, or undefined for a direct connection. */
export function resolveProxy(url: URL, settings: ProxySettings = {}): string | undefined {
  const env = settings.env ?? process.env;
  const noProxy = [
    ...(typeof settings.noProxy === 'string' ? [settings.noProxy] : settings.noProxy ?? []),
    ...[envValue(env, 'no_proxy')].filter((v): v is string => v !== undefined),
  ];
  if (bypassesProxy(url, noProxy)) return undefined;
  if (settings.proxy && settings.proxy.trim()) return withScheme(settings.proxy.trim());
  const fromEnv =
    url.protocol === 'https:' ? envValue(env, 'https_proxy') ?? envValue(env, 'http_proxy') : envValue(env, 'http_proxy');
  return fromEnv ? withScheme(fromEnv) : undefined;
}

/** Owns the agents of one provider: one direct agent, one ProxyAgent per proxy URL in use. */
export class DispatcherPool {
  private direct: Agent | undefined;
  private readonly proxies = new Map<string, ProxyAgent>();
  private readonly strictSSL: boolean;

  constructor(
    private readonly settings: ProxySettings = {},
    private readonly options: DispatcherOptions = {},
  ) {
    this.strictSSL = settings.strictSSL ?? true;
  }

  /** The dispatcher for `url`, and the proxy (redacted) for the log. */
  forUrl(url: URL): { dispatcher: Dispatcher; via?: string } {
    const proxy = resolveProxy(url, this.settings);
    const connect = { timeout: this.options.connectTimeoutMs, rejectUnauthorized: this.strictSSL };
    if (!proxy) {
      this.direct ??= new Agent({ connect });
      return { dispatcher: this.direct };
    }
    let agent = this.proxies.get(proxy);
    if (!agent) {
      agent = new ProxyAgent({ uri: proxy, connect, requestTls: connect, proxyTls: connect });
      this.proxies.set(proxy, agent);
    }
    return { dispatcher: agent, via: redactUrl(proxy) };
  }

  async close(): Promise<void> {
    const all: Dispatcher[] = [...this.proxies.values()];
    if (this.direct) all.push(this.direct);
    this.proxies.clear();
    this.direct = undefined;
    // destroy, not close: close would wait for streams the caller abandoned.
    await Promise.all(all.map((d) => d.destroy().catch(() => undefined)));
  }
}
