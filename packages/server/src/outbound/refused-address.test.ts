import { describe, expect, it } from 'vitest';
import { refusedAddress } from './refused-address';

describe('refused addresses', () => {
  it.each([
    ['0.0.0.0', 'an unspecified address'],
    ['0.1.2.3', 'an unspecified address'],
    ['127.0.0.1', 'a loopback address'],
    ['127.255.255.254', 'a loopback address'],
    ['10.0.0.5', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['172.31.255.255', 'a private address'],
    ['192.168.1.20', 'a private address'],
    ['169.254.169.254', 'a link-local address'],
    ['169.254.0.1', 'a link-local address'],
    ['100.64.0.1', 'a shared (CGNAT) address'],
    ['100.127.255.255', 'a shared (CGNAT) address'],
    ['224.0.0.251', 'a multicast address'],
    ['239.255.255.250', 'a multicast address'],
    ['240.0.0.1', 'a reserved address'],
    ['255.255.255.255', 'a reserved address'],
  ])('IPv4 %s is %s', (ip, kind) => {
    expect(refusedAddress(ip)).toBe(kind);
  });

  it.each([
    ['::', 'an unspecified address'],
    ['::1', 'a loopback address'],
    ['0:0:0:0:0:0:0:1', 'a loopback address'],
    ['fc00::1', 'a private address'],
    ['fd12:3456:789a::1', 'a private address'],
    ['fec0::1', 'a private address'],
    ['fe80::1', 'a link-local address'],
    ['fe80::1%eth0', 'a link-local address'],
    ['febf::1', 'a link-local address'],
    ['ff02::1', 'a multicast address'],
  ])('IPv6 %s is %s', (ip, kind) => {
    expect(refusedAddress(ip)).toBe(kind);
  });

  it.each([
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['::ffff:7f00:1', 'a loopback address'],
    ['::ffff:10.0.0.5', 'a private address'],
    ['::ffff:a9fe:a9fe', 'a link-local address'],
    ['0:0:0:0:0:ffff:192.168.0.1', 'a private address'],
    ['::ffff:100.64.0.1', 'a shared (CGNAT) address'],
    ['::ffff:0.0.0.0', 'an unspecified address'],
    ['::ffff:224.0.0.1', 'a multicast address'],
    ['::10.0.0.5', 'a private address'],
    ['64:ff9b::169.254.169.254', 'a link-local address'],
  ])('an IPv6 form of an IPv4 address, %s, is %s', (ip, kind) => {
    expect(refusedAddress(ip)).toBe(kind);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '169.255.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
  ])('lets a flow call the public address %s', (ip) => {
    expect(refusedAddress(ip)).toBeUndefined();
  });
});
