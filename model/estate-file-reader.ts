/**
 * Opens the estate's files, and only those: regular files, not symbolic links, devices, FIFOs
 * or folders, and (for files found in the estate's folders) nothing that resolves outside the
 * estate. A pull request can add any kind of file; a link to /proc/self/environ or to a key
 * would otherwise be read, and its content quoted back into reports.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  realpathSync,
} from "node:fs";
import type { Stats } from "node:fs";
import { sep } from "node:path";

export type FileRefusal =
  | { kind: "missing" }
  | { kind: "unreadable"; code: string }
  | { kind: "symbolic-link" }
  | { kind: "not-a-regular-file"; what: string }
  | { kind: "outside-estate" }
  | { kind: "too-large"; size: number };

export type FileRead = { ok: true; bytes: Buffer } | { ok: false; refusal: FileRefusal };

/** What a file that is not a regular file is, in words. */
export function describeFileType(stat: Stats): string {
  if (stat.isDirectory()) return "a folder";
  if (stat.isFIFO()) return "a named pipe (FIFO)";
  if (stat.isSocket()) return "a socket";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  if (stat.isSymbolicLink()) return "a symbolic link";
  if (stat.isFile()) return "a file";
  return "not a regular file";
}

export interface ReadOptions {
  /** Bytes a file may have; a larger one is refused before it is read. */
  maxBytes: number;
  /** The estate's root with links resolved: the file must resolve inside it. */
  insideOf?: string;
}

export function readEstateFile(path: string, options: ReadOptions): FileRead {
  let stat: Stats;
  try {
    stat = lstatSync(path);
  } catch (error) {
    return { ok: false, refusal: errnoRefusal(error) };
  }
  if (stat.isSymbolicLink()) return { ok: false, refusal: { kind: "symbolic-link" } };
  if (!stat.isFile()) {
    return { ok: false, refusal: { kind: "not-a-regular-file", what: describeFileType(stat) } };
  }
  if (options.insideOf !== undefined && !isInside(path, options.insideOf)) {
    return { ok: false, refusal: { kind: "outside-estate" } };
  }
  // Check the size before reading, so that a huge file is never loaded into memory.
  if (stat.size > options.maxBytes)
    return { ok: false, refusal: { kind: "too-large", size: stat.size } };
  let fd: number;
  try {
    // O_NOFOLLOW and the second stat close the gap between the check and the read: a file
    // swapped for a link or a FIFO in between is refused, and O_NONBLOCK keeps a FIFO from
    // blocking the open.
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    return { ok: false, refusal: errnoRefusal(error) };
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile() || opened.ino !== stat.ino || opened.dev !== stat.dev) {
      return { ok: false, refusal: { kind: "not-a-regular-file", what: describeFileType(opened) } };
    }
    if (opened.size > options.maxBytes) {
      return { ok: false, refusal: { kind: "too-large", size: opened.size } };
    }
    return { ok: true, bytes: readFileSync(fd) };
  } catch (error) {
    return { ok: false, refusal: errnoRefusal(error) };
  } finally {
    closeSync(fd);
  }
}

function isInside(path: string, realRoot: string): boolean {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return false;
  }
  return real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
}

function errnoRefusal(error: unknown): FileRefusal {
  const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
  if (code === "ENOENT" || code === "ENOTDIR") return { kind: "missing" };
  if (code === "ELOOP") return { kind: "symbolic-link" };
  return { kind: "unreadable", code };
}

/**
 * Why a single named file (`what`, e.g. "policy config file policy-config.json") was refused, as
 * one sentence for an error message; it names the file and never shows what it holds.
 */
export function refusalSentence(what: string, refusal: FileRefusal, maxBytes: number): string {
  switch (refusal.kind) {
    case "missing":
      return `cannot read ${what}: it does not exist`;
    case "unreadable":
      return `cannot read ${what} (${refusal.code})`;
    case "symbolic-link":
      return (
        `${what} is a symbolic link; govcloud reads only regular files, so that no file from ` +
        `outside the repository can reach a report: commit the file itself`
      );
    case "not-a-regular-file":
      return `${what} is ${refusal.what}, not a regular file`;
    case "too-large":
      return `${what} has ${refusal.size} bytes, more than the ${maxBytes} it may have`;
    case "outside-estate":
      return `${what} is outside the repository`;
  }
}
