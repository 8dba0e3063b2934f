/**
 * How deeply a YAML text nests, found by one pass over its lines before any parser sees it.
 * The YAML reader recurses once per level: a file of a few thousand brackets ends in "Maximum
 * call stack size exceeded" after hundreds of megabytes. Real govcloud files nest fewer than
 * ten levels, so a text deeper than MAX_NESTING is refused with its place before it is parsed.
 *
 * The count is an upper bound of the real depth, never lower: block levels from indentation
 * and leading "- " markers, flow levels from brackets outside quotes and comments. A block
 * scalar's lines are indented text and may raise the count, which is harmless at this limit.
 */
import type { Position } from "./yaml-position";

export const MAX_NESTING = 64;

export function tooDeep(text: string, max = MAX_NESTING): Position | undefined {
  const indents: number[] = [];
  let flow = 0;
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    let column = 0;
    while (column < line.length && line[column] === " ") column++;
    if (column === line.length || line[column] === "#") continue;
    while (indents.length > 0 && indents[indents.length - 1] >= column) indents.pop();
    indents.push(column);
    // "- - - x" opens one sequence per dash on a single line.
    while (line.startsWith("- ", column)) {
      indents.push(column + 1);
      column += 2;
      while (column < line.length && line[column] === " ") column++;
    }
    if (indents.length + flow > max) return { line: index + 1, column: column + 1 };
    let quote: string | undefined;
    for (let at = column; at < line.length; at++) {
      const ch = line[at];
      if (quote !== undefined) {
        if (ch === "\\" && quote === '"') at++;
        else if (ch === quote) quote = undefined;
        continue;
      }
      if (ch === "#" && (at === 0 || line[at - 1] === " ")) break;
      // A quote opens a quoted scalar only where a scalar can start (not in "it's").
      if ((ch === '"' || ch === "'") && (at === column || " [{,:".includes(line[at - 1])))
        quote = ch;
      else if (ch === "[" || ch === "{") {
        flow++;
        if (indents.length + flow > max) return { line: index + 1, column: at + 1 };
      } else if ((ch === "]" || ch === "}") && flow > 0) flow--;
    }
  }
  return undefined;
}
