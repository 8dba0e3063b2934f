/**
 * Helpers shared by the model and CLI tests: a private copy of the fixture estate in a temp
 * folder, edits that fail loudly when the text they change is not in the fixture, and a loader
 * that always uses the same "today".
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LoadResult } from "../../model/estate-loader";
import { loadEstate } from "../../model/estate-loader";
import type { Problem } from "../../model/problem";

export const FIXTURE_ROOT = join(__dirname, "..", "fixtures", "estate");
export const TODAY = "2026-11-26";
export const PLATFORM = "platform.yaml";
export const WATER = "departments/water.yaml";
export const HEALTH = "departments/health.yaml";

/** A fresh copy of the fixture estate; remove it with `removeDir`. */
export function copyFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), "govcloud-test-"));
  cpSync(FIXTURE_ROOT, dir, { recursive: true });
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function fixtureText(file: string): string {
  return readFileSync(join(FIXTURE_ROOT, file), "utf8");
}

/** Replaces `from` by `to`, insisting that `from` occurs exactly once. */
export function replaceOnce(text: string, from: string, to: string): string {
  const first = text.indexOf(from);
  if (first < 0) throw new Error(`fixture edit: ${JSON.stringify(from)} not found`);
  if (text.indexOf(from, first + 1) >= 0) {
    throw new Error(`fixture edit: ${JSON.stringify(from)} occurs more than once`);
  }
  return text.slice(0, first) + to + text.slice(first + from.length);
}

/** The content of one file after a case's edit. */
export type Edit = ((text: string) => string | Buffer) | { replace: [string, string][] };

export function applyEdit(file: string, edit: Edit): string | Buffer {
  const text = fixtureText(file);
  if (typeof edit === "function") return edit(text);
  return edit.replace.reduce((out, [from, to]) => replaceOnce(out, from, to), text);
}

/** Loads a copy of the fixture estate with some files replaced, and removes the copy. */
export function loadWith(files: Record<string, string | Buffer>): LoadResult {
  const dir = copyFixture();
  try {
    for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
    return loadEstate(dir, { today: TODAY });
  } finally {
    removeDir(dir);
  }
}

/** The fields a test compares: everything but severity (always "error" for these cases). */
export function brief(problem: Problem): Partial<Problem> {
  const { file, line, column, path, code, message } = problem;
  return { file, line, column, path, code, message };
}
