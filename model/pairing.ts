/**
 * The pairing of a replicated volume with its replica on the storage: the command the platform
 * defines in platform.yaml (`storagePairing`), and the metadata that links the two volumes so
 * that an operator (or a failover runbook) finds the other half from either side.
 */
import type { ReplicationMode } from "./types";

export interface PairingValues {
  /** Cinder id of the primary volume. */
  primary: string;
  /** Cinder id of the secondary volume. */
  secondary: string;
  mode: ReplicationMode;
  /** Recovery point objective in seconds (0 for synchronous replication). */
  rpo: number;
}

const PLACEHOLDER = /\{(primary|secondary|mode|rpo)\}/g;
/** Values go into a shell command: anything beyond these characters is refused, not quoted. */
const SAFE_VALUE = /^[A-Za-z0-9._-]+$/;

export function fillPairingTemplate(template: string, values: PairingValues): string {
  return template.replace(PLACEHOLDER, (_match, key: keyof PairingValues) => {
    const value = String(values[key]);
    if (!SAFE_VALUE.test(value)) {
      throw new Error(
        `storage pairing value ${key}=${JSON.stringify(value)} may hold only letters, digits, ` +
          `dots, underscores and hyphens`,
      );
    }
    return value;
  });
}

export interface PairDescription {
  role: "primary" | "secondary";
  /** Name of the primary volume. */
  primary: string;
  /** Name of the secondary volume. */
  secondary: string;
  /** Site of the other half of the pair. */
  peerSite: string;
  mode: ReplicationMode;
  rpoSeconds: number;
}

/**
 * Cinder metadata of one half of a pair. Names, not ids: each half is created knowing only the
 * other's name, and names are readable in a preview.
 */
export function pairMetadata(pair: PairDescription): Record<string, string> {
  return {
    "replication-role": pair.role,
    "replication-primary": pair.primary,
    "replication-secondary": pair.secondary,
    "replication-peer-site": pair.peerSite,
    "replication-mode": pair.mode,
    "replication-rpo-seconds": String(pair.rpoSeconds),
  };
}
