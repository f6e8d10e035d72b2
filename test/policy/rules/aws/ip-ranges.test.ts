import { blockSize, parseCidr, publicAddressCount } from '../../../../src/policy/rules/aws/ip-ranges';

const count = (...cidrs: string[]) => {
  const ranges = cidrs.map((cidr) => parseCidr(cidr)!);
  return { IPv4: publicAddressCount(ranges, 'IPv4'), IPv6: publicAddressCount(ranges, 'IPv6') };
};

describe('parseCidr', () => {
  test('reads IPv4 and IPv6 blocks', () => {
    expect(parseCidr('10.0.0.0/16')).toEqual({ family: 'IPv4', start: 10n * 2n ** 24n, end: 10n * 2n ** 24n + 2n ** 16n });
    expect(parseCidr('0.0.0.0/0')).toEqual({ family: 'IPv4', start: 0n, end: 2n ** 32n });
    expect(parseCidr('::/0')).toEqual({ family: 'IPv6', start: 0n, end: 2n ** 128n });
    expect(parseCidr('2001:db8::/32')).toEqual({ family: 'IPv6', start: 0x20010db8n * 2n ** 96n, end: 0x20010db9n * 2n ** 96n });
    expect(parseCidr('::ffff:192.0.2.1/128')?.start).toBe(0xffffc0000201n);
    expect(parseCidr('2a05:d018:0:0:0:0:0:1/128')?.start).toBe(0x2a05d018n * 2n ** 96n + 1n);
  });

  test('counts a block with host bits as the whole block', () => {
    expect(parseCidr('10.1.2.3/8')).toEqual(parseCidr('10.0.0.0/8'));
  });

  test('rejects what is not a CIDR block', () => {
    for (const text of ['10.0.0.0', '10.0.0.256/8', '10.0.0.0/33', '::/129', '1::2::3/64', '12345::/16', 'anywhere', '1:2:3:4:5:6:7/64']) {
      expect({ text, range: parseCidr(text) }).toEqual({ text, range: undefined });
    }
  });
});

describe('publicAddressCount', () => {
  test('the whole internet, however it is split', () => {
    const ipv4 = count('0.0.0.0/0').IPv4;
    expect(count('0.0.0.0/1', '128.0.0.0/1').IPv4).toBe(ipv4);
    expect(count('0.0.0.0/1', '128.0.0.0/1', '8.8.8.0/24').IPv4).toBe(ipv4);
    expect(ipv4 > blockSize('IPv4', 1)).toBe(true);
    expect(count('::/1', '8000::/1').IPv6).toBe(count('::/0').IPv6);
    expect(count('::/0').IPv6).toBe(2n ** 125n - 2n ** 96n); // 2000::/3 without 2001:db8::/32
  });

  test('private, shared, loopback, link-local, documentation and multicast space does not count', () => {
    expect(count('10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '192.0.2.0/24', '224.0.0.0/4')).toEqual({ IPv4: 0n, IPv6: 0n });
    expect(count('fd00::/8', 'fe80::/10', '::1/128', 'ff00::/8', '2001:db8::/32')).toEqual({ IPv4: 0n, IPv6: 0n });
  });

  test('overlapping blocks count once, and only their public part', () => {
    expect(count('52.94.0.0/24', '52.94.0.0/25', '52.94.0.128/25').IPv4).toBe(256n);
    expect(count('8.0.0.0/6').IPv4).toBe(4n * 2n ** 24n - 2n ** 24n); // 8.0.0.0-11.255.255.255 without 10.0.0.0/8
  });
});
