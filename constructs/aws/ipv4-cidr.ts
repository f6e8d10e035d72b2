import { PavedInternalError } from '../../src/platform/paved-internal-error';

/** An IPv4 CIDR block such as `10.0.0.0/16`. */
export class Ipv4Cidr {
  /**
   * Parses `cidr`.
   * @returns `undefined` when it is not an IPv4 CIDR block with its host bits zero
   */
  public static parse(cidr: string): Ipv4Cidr | undefined {
    const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
    if (!match) {
      return undefined;
    }
    const octets = match.slice(1, 5).map(Number);
    const prefix = Number(match[5]);
    if (octets.some((o) => o > 255) || prefix > 32) {
      return undefined;
    }
    const address = octets.reduce((sum, octet) => sum * 256 + octet, 0);
    return address % 2 ** (32 - prefix) === 0 ? new Ipv4Cidr(address, prefix) : undefined;
  }

  /**
   * @param address the block's first address, as an integer
   * @param prefix the prefix length in bits, 0-32 (`16` in `10.0.0.0/16`)
   */
  private constructor(private readonly address: number, public readonly prefix: number) {}

  /** The `index`th block with `newBits` more prefix bits inside this one (Terraform's `cidrsubnet`). */
  public subnet(newBits: number, index: number): string {
    const prefix = this.prefix + newBits;
    if (prefix > 32 || index < 0 || index >= 2 ** newBits) {
      throw new PavedInternalError(`${this} has no subnet ${index} of /${prefix}: the network's CIDR was validated as /16 to /20, so every subnet fits.`);
    }
    return new Ipv4Cidr(this.address + index * 2 ** (32 - prefix), prefix).toString();
  }

  public toString(): string {
    const octets = [24, 16, 8, 0].map((shift) => Math.floor(this.address / 2 ** shift) % 256);
    return `${octets.join('.')}/${this.prefix}`;
  }
}
