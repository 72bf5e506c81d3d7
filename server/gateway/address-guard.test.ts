import { describe, expect, it } from 'vitest';
import { isPublicAddress } from './address-guard';

describe('isPublicAddress: only global unicast passes', () => {
  it.each([
    // IPv4 special-purpose registry
    ['0.0.0.0', '"this" network'],
    ['0.255.1.2', '"this" network'],
    ['10.1.2.3', 'private'],
    ['100.64.0.1', 'CGNAT'],
    ['100.127.255.255', 'CGNAT'],
    ['127.0.0.1', 'loopback'],
    ['127.8.9.1', 'loopback'],
    ['169.254.169.254', 'link-local / metadata'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.0.0.170', 'IETF protocol assignments'],
    ['192.0.2.10', 'TEST-NET-1'],
    ['192.88.99.1', '6to4 relay'],
    ['192.168.1.1', 'private'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['198.51.100.7', 'TEST-NET-2'],
    ['203.0.113.9', 'TEST-NET-3'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    // IPv6: everything outside 2000::/3
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['::7f00:1:1', 'IPv4-compatible (::/96)'],
    ['::8.8.8.8', 'IPv4-compatible (::/96)'],
    ['::ffff:127.0.0.1', 'IPv4-mapped'],
    ['::ffff:7f00:1', 'IPv4-mapped'],
    ['::ffff:8.8.8.8', 'IPv4-mapped, even of a public address'],
    ['64:ff9b::7f00:1', 'NAT64'],
    ['64:ff9b::808:808', 'NAT64, even of a public address'],
    ['64:ff9b:1::1', 'local-use NAT64'],
    ['100::1', 'discard'],
    ['fc00::1', 'ULA'],
    ['fd00::1', 'ULA'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['fec0::1', 'site-local'],
    ['ff02::1', 'multicast'],
    ['5f00::1', 'SRv6 SIDs'],
    // special blocks inside 2000::/3
    ['2001::1', 'Teredo'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
    ['2001:2::1', 'benchmarking'],
    ['2001:10::1', 'ORCHID'],
    ['2001:db8::1', 'documentation'],
    ['2002:7f00:1::1', '6to4'],
    ['2002:808:808::1', '6to4, even of a public address'],
    ['3fff::1', 'documentation'],
    // not addresses at all
    ['not-an-ip', 'a name'],
    ['', 'empty'],
    ['127.1', 'shorthand'],
  ])('refuses %s (%s)', (address) => expect(isPublicAddress(address)).toBe(false));

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '198.20.0.1', '223.255.255.255', '2606:4700:4700::1111', '2001:200::1', '2400:cb00::1', '2a00:1450:4001::200e'])(
    'allows %s',
    (address) => expect(isPublicAddress(address)).toBe(true),
  );
});
