/** IPv4 CIDR ranges: parsing, overlap, and the private ranges a VPC may use. Pure, shared by the config schema. */

export interface Cidr {
    /** The network address as a 32-bit number. */
    base: number;
    prefix: number;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** RFC 1918: the private ranges a VPC subnet and a Private Service Access range must come from. */
const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((text) => parseCidr(text)!);

/** `10.8.0.0/24` as numbers; `undefined` unless it is a well-formed range whose address is its network address. */
export function parseCidr(text: string): Cidr | undefined {
    const match = CIDR.exec(text);
    if (!match) {
        return undefined;
    }
    const octets = match.slice(1, 5).map(Number);
    const prefix = Number(match[5]);
    if (octets.some((octet) => octet > 255) || prefix > 32) {
        return undefined;
    }
    const base = octets.reduce((value, octet) => value * 256 + octet, 0);
    return base % size(prefix) === 0 ? { base, prefix } : undefined;
}

function size(prefix: number): number {
    return 2 ** (32 - prefix);
}

export function overlaps(a: Cidr, b: Cidr): boolean {
    return a.base < b.base + size(b.prefix) && b.base < a.base + size(a.prefix);
}

export function isPrivateRange(range: Cidr): boolean {
    return PRIVATE_RANGES.some((outer) => outer.prefix <= range.prefix && overlaps(outer, range));
}

/** The range's network address as text: `10.20.0.0` of `10.20.0.0/20` (what a reserved address is given). */
export function networkAddress(range: Cidr): string {
    return [24, 16, 8, 0].map((shift) => Math.floor(range.base / 2 ** shift) % 256).join(".");
}
