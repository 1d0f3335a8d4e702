// Whether a host is this machine, the local network, or elsewhere: the link dialog warns of links to
// this machine or the local network, and the workspace-settings dialog of plain http away from this
// machine. No `vscode`, no DOM.

export type HostScope = 'public' | 'thisComputer' | 'localNetwork';

/** Whether `hostname` (as the URL parser normalised it) is this machine, the local network, or elsewhere. */
export function scopeOf(hostname: string): HostScope {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'thisComputer';
  const v4 = ipv4(host) ?? mappedIpv4(host);
  if (v4) {
    const [a, b] = v4;
    if (a === 127 || a === 0) return 'thisComputer';
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'localNetwork';
    if (a === 169 && b === 254) return 'localNetwork'; // link-local, where cloud metadata services answer
    if (a === 100 && b >= 64 && b <= 127) return 'localNetwork'; // carrier-grade NAT
    return 'public';
  }
  if (host.includes(':')) {
    if (host === '::1' || host === '::') return 'thisComputer';
    if (/^fe[89ab][0-9a-f]?:/.test(host) || /^f[cd][0-9a-f]{0,2}:/.test(host)) return 'localNetwork';
    return 'public';
  }
  if (host.endsWith('.local') || host.endsWith('.internal') || host.endsWith('.lan') || !host.includes('.')) return 'localNetwork';
  return 'public';
}

function ipv4(host: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return m ? m.slice(1).map(Number) : undefined;
}

/** `::ffff:7f00:1` (how the URL parser writes ::ffff:127.0.0.1). */
function mappedIpv4(host: string): number[] | undefined {
  const m = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (!m) return undefined;
  const hi = parseInt(m[1]!, 16);
  const lo = parseInt(m[2]!, 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255];
}
