import { BlockList, isIP } from 'node:net';

/** The address ranges a flow may not reach unless the operator allows the host, each with what it is. */
const RANGES: { kind: string; v4?: [string, number][]; v6?: [string, number][] }[] = [
  { kind: 'an unspecified address', v4: [['0.0.0.0', 8]], v6: [['::', 128]] },
  { kind: 'a loopback address', v4: [['127.0.0.0', 8]], v6: [['::1', 128]] },
  {
    kind: 'a private address',
    v4: [
      ['10.0.0.0', 8],
      ['172.16.0.0', 12],
      ['192.168.0.0', 16],
    ],
    // fc00::/7 unique local, and the deprecated site-local fec0::/10 that some stacks still route.
    v6: [
      ['fc00::', 7],
      ['fec0::', 10],
    ],
  },
  { kind: 'a link-local address', v4: [['169.254.0.0', 16]], v6: [['fe80::', 10]] },
  { kind: 'a shared (CGNAT) address', v4: [['100.64.0.0', 10]] },
  { kind: 'a multicast address', v4: [['224.0.0.0', 4]], v6: [['ff00::', 8]] },
  // 240.0.0.0/4 is reserved and holds the broadcast address 255.255.255.255.
  { kind: 'a reserved address', v4: [['240.0.0.0', 4]] },
];

const lists = RANGES.map(({ kind, v4 = [], v6 = [] }) => {
  const list = new BlockList();
  for (const [network, prefix] of v4) list.addSubnet(network, prefix, 'ipv4');
  for (const [network, prefix] of v6) list.addSubnet(network, prefix, 'ipv6');
  return { kind, list };
});

/**
 * What kind of refused address `ip` is ("a private address"), or undefined when a flow may call it.
 * An IPv6 address that embeds an IPv4 one (IPv4-mapped `::ffff:a.b.c.d`, IPv4-compatible `::a.b.c.d`,
 * NAT64 `64:ff9b::a.b.c.d`) is judged by the IPv4 address, since that is where it leads.
 *
 * @example
 * refusedAddress('169.254.169.254'); // 'a link-local address'
 * refusedAddress('::ffff:10.0.0.5'); // 'a private address'
 */
export function refusedAddress(ip: string): string | undefined {
  const family = isIP(ip);
  if (family === 0) return 'not an IP address';
  const embedded = family === 6 ? embeddedIpv4(ip) : undefined;
  const [address, type] = embedded ? [embedded, 'ipv4' as const] : [ip, family === 4 ? ('ipv4' as const) : ('ipv6' as const)];
  return lists.find(({ list }) => list.check(address, type))?.kind;
}

/** The IPv4 address inside an IPv4-mapped, IPv4-compatible or NAT64 IPv6 address. */
function embeddedIpv4(ip: string): string | undefined {
  const words = ipv6Words(ip);
  if (!words) return undefined;
  const head = words.slice(0, 6);
  const zeros = head.slice(0, 5).every((w) => w === 0);
  const mapped = zeros && head[5] === 0xffff;
  // ::a.b.c.d; :: and ::1 themselves are judged as IPv6.
  const compatible = zeros && head[5] === 0 && (words[6] ?? 0) !== 0;
  const nat64 = words[0] === 0x64 && words[1] === 0xff9b && head.slice(2).every((w) => w === 0);
  if (!mapped && !compatible && !nat64) return undefined;
  const high = words[6] ?? 0;
  const low = words[7] ?? 0;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** The eight 16-bit words of an IPv6 address (with `::` expanded and a dotted IPv4 tail converted). */
function ipv6Words(ip: string): number[] | undefined {
  let text = ip.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [left, right] = text.split('::') as [string, string | undefined];
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((w) => Number.parseInt(w, 16)));
  const head = parse(left);
  const tail = right === undefined ? [] : parse(right);
  const words = right === undefined ? head : [...head, ...new Array(8 - head.length - tail.length).fill(0), ...tail];
  return words.length === 8 && words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : undefined;
}
