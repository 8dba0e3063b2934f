/**
 * Escaping and value formatting shared by the review renderers. Report values come from
 * department files and policy messages, so any of them may hold characters that would break a
 * Markdown table, open an HTML tag or end a code span; every renderer passes them through here.
 */

/** Text for Markdown prose and table cells: no formatting, no HTML, no cell breaks. */
export function md(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>|&~#]/g, (char) => {
    switch (char) {
      case "<":
        return "&lt;";
      case ">":
        return "&gt;";
      case "&":
        return "&amp;";
      default:
        // CommonMark accepts a backslash before any ASCII punctuation; GFM tables accept `\|`.
        return `\\${char}`;
    }
  });
}

/** Text inside raw HTML (`<summary>`), where Markdown escapes are not processed. */
export function html(text: string): string {
  return oneLine(text).replace(/[<>&"]/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * An inline code span. A span cannot escape a backtick, so the delimiter is one backtick longer
 * than the longest run inside, padded with spaces as CommonMark requires. Not for table cells:
 * GitHub splits cells on `|` even inside code spans.
 */
export function code(text: string): string {
  const value = oneLine(text);
  const fence = "`".repeat(longestBacktickRun(value) + 1);
  const pad = value.startsWith("`") || value.endsWith("`") ? " " : "";
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** A fence for a code block that holds `lines`: longer than any backtick run inside. */
export function fenceFor(lines: readonly string[]): string {
  const longest = Math.max(0, ...lines.map(longestBacktickRun));
  return "`".repeat(Math.max(3, longest + 1));
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

/** `openstack:blockstorage/volumeV3:VolumeV3` → `VolumeV3`; the last part names the kind. */
export function shortType(type: string): string {
  const parts = type.split(":");
  return parts[parts.length - 1] || type;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
