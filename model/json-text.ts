/**
 * JSON text parsed with an error that never quotes it. V8's messages for some mistakes quote the
 * text around them (`Unexpected token 's', "secret-tok"... is not valid JSON`), and a JSON file a
 * command reads may be a file named on its command line or a CI artifact, holding anything. The
 * error here says where (line and column) and what kind of mistake it is, in words that come from
 * no file. Pure.
 */

export type JsonText =
  { ok: true; value: unknown } | { ok: false; reason: string; line?: number; column?: number };

/** Line and column (from 1) of the character at `offset` in `text`. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** V8's message for text that ends inside a value; it gives no position: the end is the place. */
const ENDS_TOO_SOON = /^Unexpected end of JSON input/;

/** The characters V8 quotes on each side of an unexpected token. */
const CONTEXT_CHARS = 10;

/**
 * Where V8 saw an unexpected token. Its message for one gives no position but quotes the text
 * from up to ten characters before the token to ten after it (with "..." where it cut): found
 * once in the text, that quote tells the position. It is used for nothing else.
 */
function unexpectedTokenOffset(text: string, message: string): number | undefined {
  const match = /^Unexpected token '([^]*?)', (\.\.\.)?"([^]*)"(?:\.\.\.)? is not valid JSON$/.exec(
    message,
  );
  if (match === null) return undefined;
  const [, token, cutBefore, quoted] = match;
  const at = text.indexOf(quoted);
  if (at < 0 || text.indexOf(quoted, at + 1) >= 0) return undefined;
  const within = cutBefore === undefined ? quoted.indexOf(token) : CONTEXT_CHARS;
  return within < 0 ? undefined : at + within;
}

/**
 * The mistake in words. V8's "... in JSON at position N" messages are its own grammar words (with
 * tokens such as ',' or ']'), taken as they are; the others are put in govcloud's words.
 */
function reasonOf(message: string): string {
  if (/^Unexpected non-whitespace character after JSON/.test(message)) {
    return "more text follows the end of the JSON value";
  }
  const described = /^((?:[A-Za-z -]|'[,:\]}]')+) in JSON at position \d+/.exec(message);
  if (described !== null && !described[1].startsWith("Unexpected token")) {
    return described[1].charAt(0).toLowerCase() + described[1].slice(1);
  }
  if (ENDS_TOO_SOON.test(message)) {
    return "the text ends inside a value (a bracket, brace or quote is not closed)";
  }
  return "unexpected character (check quotes, commas and brackets)";
}

export function parseJsonText(text: string): JsonText {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : "";
    const position = / JSON at position (\d+)/.exec(message);
    const offset =
      position !== null
        ? Number(position[1])
        : ENDS_TOO_SOON.test(message)
          ? text.length
          : unexpectedTokenOffset(text, message);
    const where = offset === undefined ? {} : lineAndColumn(text, offset);
    return { ok: false, reason: reasonOf(message), ...where };
  }
}

/** `file:line:column` of a failed parse, or the file alone when the position is not known. */
export function jsonErrorPlace(file: string, failed: { line?: number; column?: number }): string {
  return failed.line === undefined ? file : `${file}:${failed.line}:${failed.column}`;
}
