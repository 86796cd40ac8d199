import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { type AllowedHost, isAllowedHost } from './allowed-hosts';
import { OutboundError } from './outbound-error';
import { refusedAddress } from './refused-address';

/** Every address a host name resolves to, as `dns.lookup(host, { all: true })` gives them. */
export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

/** An address a request may connect to, checked. */
export interface Target {
  address: string;
  family: 4 | 6;
}

/**
 * Resolves the URL's host once and checks what it resolves to: every address must be one a flow may
 * call (a name with one private address among public ones is refused, since the connection could
 * land on either), unless the operator allowed the host. The caller connects only to the
 * addresses returned (in the resolver's order, the next when one cannot be reached), so a DNS
 * answer that changes between check and connect cannot matter.
 */
export async function resolveTargets(url: URL, allowed: readonly AllowedHost[], resolve: Resolver): Promise<Target[]> {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  const allowedHere = isAllowedHost(allowed, host, port);
  const literal = isIP(host);
  if (literal !== 0) {
    const refused = allowedHere ? undefined : refusedAddress(host);
    if (refused) throw new OutboundError(`host ${host} is ${refused}`);
    return [{ address: host, family: literal === 4 ? 4 : 6 }];
  }
  let addresses: { address: string; family: number }[];
  try {
    addresses = await resolve(host);
  } catch {
    throw new OutboundError(`host ${host} could not be resolved`);
  }
  if (addresses.length === 0) throw new OutboundError(`host ${host} could not be resolved`);
  if (!allowedHere) {
    for (const { address } of addresses) {
      const refused = refusedAddress(address);
      if (refused) throw new OutboundError(`host ${host} resolves to ${address}, ${refused}`);
    }
  }
  return addresses.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}
