// Where a link from an answer really goes, for the dialog that asks before opening it. Userinfo is
// dropped (`https://accounts.google.com:signin@evil.example/` goes to evil.example, and the part
// before `@` is there to mislead), and addresses on this machine or the local network are named as
// such: a prompt-injected answer can aim at a router, a dev server or a cloud metadata endpoint.
// No `vscode` import: unit-tested in plain Node.
import { type HostScope, scopeOf } from '../shared/hostScope';

export interface LinkTarget {
  /** The URL to open and show: http(s), no userinfo. */
  readonly url: string;
  /** The host as the browser will resolve it (IDNs in punycode, IPs normalised), with a port if any. */
  readonly host: string;
  readonly scope: HostScope;
  /** The link carried a user name or password, which was removed. */
  readonly hadUserinfo: boolean;
}

/** The target of `raw`, or undefined for anything but an http(s) URL. */
export function linkTarget(raw: string): LinkTarget | undefined {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  const hadUserinfo = parsed.username !== '' || parsed.password !== '';
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.toString(), host: parsed.host, scope: scopeOf(parsed.hostname), hadUserinfo };
}
