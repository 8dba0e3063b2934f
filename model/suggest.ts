/** "Did you mean ...?" for names typed by hand: the closest known name within a small edit distance. */
import { distance } from "fastest-levenshtein";

export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const lowered = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(lowered, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  // Allow about one typo per four characters, and always at least two.
  const limit = Math.max(2, Math.floor(name.length / 4));
  return bestDistance <= limit ? best : undefined;
}

/** A fix line: the suggestion when there is one, the fallback otherwise. */
export function didYouMean(name: string, candidates: Iterable<string>, fallback: string): string {
  const guess = closest(name, candidates);
  return guess === undefined ? fallback : `did you mean "${guess}"?`;
}

/** Lists allowed names for an `allowed:` line, shortened when there are many. */
export function listNames(names: readonly string[], max = 12): string {
  if (names.length === 0) return "(none defined)";
  const shown = names.slice(0, max).join(", ");
  return names.length > max ? `${shown}, ... (${names.length} in all)` : shown;
}
