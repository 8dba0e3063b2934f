/**
 * Strict IPv4 CIDR parsing for the rules, with a reason a person can act on when the text is not
 * a CIDR, and the subnet arithmetic (start, end, containment, free blocks) the rules share.
 * The syntax is checked here so that the message can say exactly what is wrong ("300 is more
 * than 255", "no prefix length"); addresses are unsigned 32-bit numbers, formatted by ip-address.
 */
import { Address4 } from "ip-address";

export interface Cidr {
  /** The text as written. */
  text: string;
  /** First and last address as unsigned 32-bit numbers. */
  start: number;
  end: number;
  prefix: number;
}

export type CidrParse =
  | { ok: true; cidr: Cidr }
  | {
      ok: false;
      /**
       * `invalid`: not a CIDR at all; `no-prefix`: an address without /n; `host-bits`: a CIDR
       * whose address is not the network address.
       */
      kind: "invalid" | "no-prefix" | "host-bits";
      /** What is wrong, as the end of a sentence: `300 is more than 255`. */
      reason: string;
      /** The CIDR the author most likely meant, when there is one. */
      suggestion?: string;
    };

const SHAPE = /^(\d+)\.(\d+)\.(\d+)\.(\d+)(?:\/(\d+))?$/;

/** Parses `a.b.c.d/n`, refusing leading zeros, missing prefixes and host bits. */
export function parseCidr(text: string): CidrParse {
  const invalid = (reason: string, suggestion?: string): CidrParse => ({
    ok: false,
    kind: "invalid",
    reason,
    ...(suggestion === undefined ? {} : { suggestion }),
  });
  if (text.trim() !== text) {
    const trimmed = text.trim();
    return invalid("it has spaces around it", parseCidr(trimmed).ok ? trimmed : undefined);
  }
  const match = SHAPE.exec(text);
  if (match === null) {
    if (text.includes(":")) return invalid("it is not IPv4 (govcloud networks are IPv4 only)");
    return invalid("it is not four numbers separated by dots followed by /prefix");
  }
  const octets = match.slice(1, 5);
  for (const octet of octets) {
    if (octet.length > 1 && octet.startsWith("0")) {
      return invalid(`${octet} has a leading zero, which some tools read as octal`);
    }
    if (Number(octet) > 255) return invalid(`${octet} is more than 255`);
  }
  const address = octets.join(".");
  const prefixText = match[5];
  if (prefixText === undefined) {
    return {
      ok: false,
      kind: "no-prefix",
      reason: "it has no prefix length (/n)",
      suggestion: `${address}/${guessPrefix(octets)}`,
    };
  }
  if (prefixText.length > 1 && prefixText.startsWith("0")) {
    return invalid(`the prefix length /${prefixText} has a leading zero`);
  }
  const prefix = Number(prefixText);
  if (prefix > 32) return invalid(`the prefix length /${prefix} is more than 32`);
  // Plain 32-bit arithmetic: parsing thousands of subnets must stay cheap.
  const value = octets.reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const size = 2 ** (32 - prefix);
  const start = Math.floor(value / size) * size;
  const end = start + size - 1;
  if (value !== start) {
    const network = `${formatAddress(start)}/${prefix}`;
    return {
      ok: false,
      kind: "host-bits",
      reason: `a /${prefix} network starts at ${formatAddress(start)}`,
      suggestion: network,
    };
  }
  return { ok: true, cidr: { text, start, end, prefix } };
}

/** One sentence on why `text` (described as `what`, e.g. `address pool`) is not usable. */
export function describeInvalid(
  what: string,
  text: string,
  parsed: Extract<CidrParse, { ok: false }>,
): string {
  const subject = `${what === "" ? "" : `${what} `}"${text}"`;
  return parsed.kind === "host-bits"
    ? `${subject} has host bits set: ${parsed.reason}`
    : `${subject} is not a valid IPv4 CIDR: ${parsed.reason}`;
}

/** The prefix a bare address most likely stands for: one per trailing zero octet (10.16.4.0 -> /24). */
function guessPrefix(octets: string[]): number {
  let prefix = 32;
  for (let i = octets.length - 1; i >= 0 && Number(octets[i]) === 0; i--) prefix -= 8;
  return prefix;
}

export function formatAddress(value: number): string {
  return Address4.fromInteger(value).address;
}

export function formatCidr(start: number, prefix: number): string {
  return `${formatAddress(start)}/${prefix}`;
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/**
 * The first block of the given prefix inside `pool` that overlaps none of `used`, or undefined
 * when the pool is full. `used` must be sorted by start address.
 */
export function firstFreeBlock(
  pool: Cidr,
  prefix: number,
  used: readonly Cidr[],
): string | undefined {
  if (prefix < pool.prefix || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  let candidate = pool.start;
  for (const block of used) {
    if (block.end < candidate) continue;
    if (block.start > pool.end) break;
    if (candidate + size - 1 < block.start) break;
    // The candidate collides with this block: try the first aligned block after it.
    candidate = Math.ceil((block.end + 1) / size) * size;
  }
  return candidate + size - 1 <= pool.end ? formatCidr(candidate, prefix) : undefined;
}
