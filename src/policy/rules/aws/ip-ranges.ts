/** The address family of a CIDR block. */
export type IpFamily = 'IPv4' | 'IPv6';

/** A block of addresses: `start` inclusive, `end` exclusive, as integers. */
export interface IpRange {
  /** Whether the addresses are IPv4 or IPv6. */
  readonly family: IpFamily;
  /** The first address, as an integer. */
  readonly start: bigint;
  /** The address after the last, as an integer. */
  readonly end: bigint;
}

const BITS: Readonly<Record<IpFamily, number>> = { IPv4: 32, IPv6: 128 };

/**
 * Ranges that are not on the internet: private, shared (carrier-grade NAT, which VPCs use for
 * pods), loopback, link-local, documentation, benchmarking, multicast and reserved space; for
 * IPv6, everything outside the global unicast block 2000::/3, and its documentation block.
 */
const NOT_PUBLIC: readonly IpRange[] = [
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/24',
  '192.0.2.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/3',
  '::/3', '4000::/2', '8000::/1', '2001:db8::/32',
].map((cidr) => parseCidr(cidr)!);

/**
 * The block `cidr` (`10.0.0.0/16`, `2001:db8::/32`) stands for; host bits below the prefix are
 * ignored, as the whole block is what a rule admits.
 * @returns `undefined` when `cidr` is not an IPv4 or IPv6 CIDR block
 */
export function parseCidr(cidr: string): IpRange | undefined {
  const slash = cidr.lastIndexOf('/');
  if (slash < 0 || !/^\d{1,3}$/.test(cidr.slice(slash + 1))) {
    return undefined;
  }
  const prefix = Number(cidr.slice(slash + 1));
  const text = cidr.slice(0, slash);
  const family: IpFamily = text.includes(':') ? 'IPv6' : 'IPv4';
  const address = family === 'IPv4' ? parseIpv4(text) : parseIpv6(text);
  const bits = BITS[family];
  if (address === undefined || prefix > bits) {
    return undefined;
  }
  const size = 2n ** BigInt(bits - prefix);
  const start = address - (address % size);
  return { family, start, end: start + size };
}

function parseIpv4(text: string): bigint | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  const octets = match?.slice(1).map(Number);
  if (!octets || octets.some((o) => o > 255)) {
    return undefined;
  }
  return octets.reduce((sum, octet) => sum * 256n + BigInt(octet), 0n);
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) {
    return undefined;
  }
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
  // An embedded IPv4 address (`::ffff:192.0.2.1`) counts as two groups.
  const last = groups[groups.length - 1];
  if (last.length > 0 && last[last.length - 1].includes('.')) {
    const v4 = parseIpv4(last.pop()!);
    if (v4 === undefined) {
      return undefined;
    }
    last.push((v4 / 65536n).toString(16), (v4 % 65536n).toString(16));
  }
  const written = groups.flat();
  if (written.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g)) || (halves.length === 1 ? written.length !== 8 : written.length > 7)) {
    return undefined;
  }
  const all = halves.length === 1 ? written : [...groups[0], ...Array(8 - written.length).fill('0'), ...groups[1]];
  return all.reduce((sum, group) => sum * 65536n + BigInt(parseInt(group, 16)), 0n);
}

/** The ranges of `family` in `ranges`, sorted and merged where they overlap or touch. */
function merged(ranges: readonly IpRange[], family: IpFamily): IpRange[] {
  const sorted = ranges.filter((r) => r.family === family).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const result: IpRange[] = [];
  for (const range of sorted) {
    const previous = result[result.length - 1];
    if (previous && range.start <= previous.end) {
      result[result.length - 1] = { family, start: previous.start, end: range.end > previous.end ? range.end : previous.end };
    } else {
      result.push(range);
    }
  }
  return result;
}

/** How many addresses of `family` the union of `ranges` holds that are on the internet. */
export function publicAddressCount(ranges: readonly IpRange[], family: IpFamily): bigint {
  const reserved = merged(NOT_PUBLIC, family);
  let count = 0n;
  for (const range of merged(ranges, family)) {
    count += range.end - range.start;
    for (const hole of reserved) {
      const start = hole.start > range.start ? hole.start : range.start;
      const end = hole.end < range.end ? hole.end : range.end;
      if (start < end) {
        count -= end - start;
      }
    }
  }
  return count;
}

/** The number of addresses in a `/prefix` block of `family`. */
export function blockSize(family: IpFamily, prefix: number): bigint {
  return 2n ** BigInt(BITS[family] - prefix);
}
