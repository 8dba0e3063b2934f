/**
 * Which addresses of a tenant subnet instances can get. Neutron takes the network address, the
 * gateway and the broadcast address; the platform also keeps a few at the start for DHCP,
 * metadata and router ports, and a few at the end for operations. A subnet too small to spare
 * those (a /29, the smallest the rules allow) keeps only the network address, the gateway and
 * the broadcast address.
 */
export interface ReservedAddresses {
  /** Addresses at the start: the network address, the gateway, and service ports. */
  head: number;
  /** Addresses at the end: the broadcast address and spares. */
  tail: number;
}

export function reservedAddresses(size: number): ReservedAddresses {
  return size >= 16 ? { head: 5, tail: 3 } : { head: 2, tail: 1 };
}

/** How many instance ports a subnet of `prefix` bits can hold. */
export function usableAddresses(prefix: number): number {
  const size = 2 ** (32 - prefix);
  const { head, tail } = reservedAddresses(size);
  return Math.max(0, size - head - tail);
}
