/** A host the operator lets flows call even when it resolves to a refused address; without a port, any port. */
export interface AllowedHost {
  host: string;
  port?: number;
}

/** A host name or IPv4 literal, or an IPv6 literal in brackets; then an optional port. */
const ENTRY = /^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)(?::(\d{1,5}))?$/;

/**
 * Parses `HTTP_NODE_ALLOW_HOSTS`: comma-separated `host[:port]` (e.g. `127.0.0.1:8080,erp.internal`).
 *
 * @returns the hosts, or the problem with the first bad entry as one line.
 * @example
 * parseAllowedHosts('erp.internal, 127.0.0.1:8080'); // { hosts: [{ host: 'erp.internal' }, { host: '127.0.0.1', port: 8080 }] }
 */
export function parseAllowedHosts(value: string): { hosts: AllowedHost[] } | { problem: string } {
  const hosts: AllowedHost[] = [];
  for (const raw of value.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    const match = ENTRY.exec(entry);
    if (!match) return { problem: `has an invalid entry "${raw.trim()}" (expected host or host:port, e.g. erp.internal:8080)` };
    const port = match[5] === undefined ? undefined : Number(match[5]);
    if (port !== undefined && (port < 1 || port > 65535)) return { problem: `has a port out of range in "${raw.trim()}" (1 to 65535)` };
    hosts.push({ host: (match[1] as string).replace(/^\[|\]$/g, ''), ...(port !== undefined ? { port } : {}) });
  }
  return { hosts };
}

/** Whether the operator allowed this host (as the URL names it, lowercase, IPv6 without brackets) on this port. */
export function isAllowedHost(allowed: readonly AllowedHost[], host: string, port: number): boolean {
  return allowed.some((entry) => entry.host === host && (entry.port === undefined || entry.port === port));
}
