import { isIP } from 'node:net';

/**
 * Which proxies in front of the server are believed about the client's address
 * (`X-Forwarded-For`), as Express's `trust proxy` takes it: `false` (nobody: the address is the
 * connection's), a number of hops, or a list of addresses, CIDR ranges and the names `loopback`,
 * `linklocal`, `uniquelocal`.
 */
export type TrustProxy = false | number | string[];

const NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Parses `TRUST_PROXY`: unset or `false` trusts nobody; `1` to `10` trusts that many hops (the
 * load balancers in front); otherwise comma-separated addresses, CIDRs and names, e.g.
 * `loopback` or `10.0.0.0/8, 192.168.1.7`.
 *
 * @returns the setting, or the problem with the first bad entry as one line.
 * @example
 * parseTrustProxy('loopback, 10.1.0.0/16'); // { trust: ['loopback', '10.1.0.0/16'] }
 */
export function parseTrustProxy(value: string | undefined): { trust: TrustProxy } | { problem: string } {
  if (value === undefined || value === 'false') return { trust: false };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops < 1 || hops > 10) return { problem: `must be 1 to 10 hops (got ${value})` };
    return { trust: hops };
  }
  const entries = value.split(',').map((entry) => entry.trim().toLowerCase());
  for (const entry of entries) {
    if (!NAMES.has(entry) && !isAddressOrRange(entry)) {
      return {
        problem: `has an invalid entry "${entry}" (expected a hop count, loopback, linklocal, uniquelocal, an IP address or a CIDR like 10.0.0.0/8)`,
      };
    }
  }
  return { trust: entries };
}

function isAddressOrRange(entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}
