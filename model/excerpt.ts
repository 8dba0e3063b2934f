/**
 * Short, safe excerpts of what was found in the input. A report may quote what a file holds,
 * but never much of it: a file that is not what it claims to be (a key, an environment dump)
 * must not travel into a pull-request comment, SARIF or a CI log through a `found:` line.
 * Control characters and characters that reorder or hide text are escaped, so that what a
 * reader sees is what is there, and CI's line-based log masking sees the value whole.
 */

/** Characters of found text a report shows at most. */
export const MAX_EXCERPT_CHARS = 80;

/** Characters of a message (or allowed / fix line) a report shows at most. */
export const MAX_MESSAGE_CHARS = 400;

// C0 and C1 controls, DEL, line and paragraph separators, zero-width and bidirectional marks.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/gu;

/** Escapes every unsafe character as \uXXXX (\n, \t and \r as themselves). */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    if (ch === "\n") return "\\n";
    if (ch === "\t") return "\\t";
    if (ch === "\r") return "\\r";
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

/** Cuts text to `max` characters (whole code points), saying how much was left out. */
export function truncate(text: string, max: number): string {
  const points = Array.from(text);
  if (points.length <= max) return text;
  return `${points.slice(0, max).join("")}… (${points.length} characters, ${points.length - max} not shown)`;
}

/** A string value as quoted in a report: JSON-quoted (controls escaped), bounded. */
export function quoteExcerpt(text: string, max = MAX_EXCERPT_CHARS): string {
  const points = Array.from(text);
  const shown = points.length <= max ? text : points.slice(0, max).join("");
  // JSON.stringify escapes C0 controls, quotes and backslashes; the rest of UNSAFE is left.
  const quoted = escapeControls(JSON.stringify(shown));
  return points.length <= max ? quoted : `${quoted}… (${points.length} characters, shown in part)`;
}

/** Free text of a report line (a message, a fix): controls escaped, length bounded. */
export function boundText(text: string, max = MAX_MESSAGE_CHARS): string {
  return truncate(escapeControls(text), max);
}

/**
 * A property value as it reads in a review: strings quoted (so `"10"` and `10` differ, and
 * newlines show as `\n`), everything else as JSON, cut to `limit` characters.
 */
export function formatValue(value: unknown, limit: number): string {
  if (value === undefined) return "(absent)";
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return shorten(text, limit);
}

/** Cut to at most `limit` characters, ending in an ellipsis, never inside a surrogate pair. */
export function shorten(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return `${safeSlice(text, Math.max(0, limit - 1))}…`;
}

/** The first `end` UTF-16 units, one fewer when the cut would split a surrogate pair. */
export function safeSlice(text: string, end: number): string {
  if (end <= 0) return "";
  if (end >= text.length) return text;
  const last = text.charCodeAt(end - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? end - 1 : end);
}
