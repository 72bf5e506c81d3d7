import net from 'node:net';

// The addresses an ImageUrl may reach unless the operator allows private ones: global
// unicast only, or a customer could make the API server fetch from its own network (SSRF)
// or probe it. The same test applies to IP literals and to every DNS answer.
//
// IPv6 is a true allowlist: only 2000::/3 (global unicast) can pass, so IPv4-mapped
// (::ffff:0:0/96), IPv4-compatible (::/96), NAT64 (64:ff9b::/96, 64:ff9b:1::/48), discard,
// ULA, site-local, link-local and multicast never do. Inside 2000::/3, and across IPv4
// (which has no "global" prefix), the IANA special-purpose registries' blocks that are not
// globally reachable, or that tunnel to an IPv4 address the guard would not see (6to4,
// Teredo), are refused. docs/security.md lists them.

/** IPv4 special-purpose blocks refused, with what they are (the table test names them). */
export const REFUSED_IPV4: readonly (readonly [string, number, string])[] = [
  ['0.0.0.0', 8, '"this" network'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local, cloud metadata services'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation (TEST-NET-1)'],
  ['192.88.99.0', 24, '6to4 relay anycast'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation (TEST-NET-2)'],
  ['203.0.113.0', 24, 'documentation (TEST-NET-3)'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved, limited broadcast'],
];

/** Blocks inside 2000::/3 that are refused all the same. */
export const REFUSED_IPV6_GLOBAL: readonly (readonly [string, number, string])[] = [
  ['2001::', 23, 'IETF protocol assignments (Teredo 2001::/32, benchmarking 2001:2::/48, ORCHID)'],
  ['2001:db8::', 32, 'documentation'],
  ['2002::', 16, '6to4'],
  ['3fff::', 20, 'documentation'],
];

// Two lists: a BlockList compares IPv4 rules with IPv4-mapped IPv6 addresses and the other
// way round, which would let ::ffff:8.8.8.8 pass an IPv4 test it has no business in.
const refusedV4 = new net.BlockList();
for (const [prefix, bits] of REFUSED_IPV4) refusedV4.addSubnet(prefix, bits, 'ipv4');
const globalV6 = new net.BlockList();
globalV6.addSubnet('2000::', 3, 'ipv6');
const refusedV6 = new net.BlockList();
for (const [prefix, bits] of REFUSED_IPV6_GLOBAL) refusedV6.addSubnet(prefix, bits, 'ipv6');

/** True for a global unicast address; false for anything else, names and garbage included. */
export function isPublicAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return !refusedV4.check(address, 'ipv4');
  if (family === 6) return globalV6.check(address, 'ipv6') && !refusedV6.check(address, 'ipv6');
  return false;
}
