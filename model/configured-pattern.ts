/**
 * Regular expressions that come from configuration (platform.yaml, policy config) run on RE2,
 * an engine that matches in time linear in the input. JavaScript's own engine backtracks: a
 * pattern such as ^(a+)+$ would take longer than the age of the universe on a 40-character
 * ticket, and every command would hang on it. RE2 refuses the few constructs that need
 * backtracking (look-around, back-references), and says so when the pattern is compiled.
 */
import { RE2JS } from "re2js";

export type CompiledPattern =
  { ok: true; test(text: string): boolean } | { ok: false; reason: string };

/** What the platform team may write, for `allowed:` lines. */
export const PATTERN_SYNTAX =
  "an RE2 regular expression (JavaScript syntax without look-around or back-references)";

/** Answers remembered per pattern. */
const MAX_REMEMBERED = 10_000;

// Policies test the same pattern once per resource: compile it once per process.
const compiled = new Map<string, CompiledPattern>();

export function compileConfiguredPattern(source: string): CompiledPattern {
  let result = compiled.get(source);
  if (result === undefined) {
    result = compile(source);
    compiled.set(source, result);
  }
  return result;
}

function compile(source: string): CompiledPattern {
  try {
    const pattern = RE2JS.compile(source);
    // RE2's matcher costs microseconds a call, and the same few tickets are tested on every
    // resource they approve: remember the answers (bounded, so no input can grow it without end).
    const answers = new Map<string, boolean>();
    return {
      ok: true,
      test: (text) => {
        let answer = answers.get(text);
        if (answer === undefined) {
          answer = pattern.matcher(text).find();
          if (answers.size < MAX_REMEMBERED) answers.set(text, answer);
        }
        return answer;
      },
    };
  } catch (error) {
    // "error parsing regexp: missing closing ): `(`" -> "missing closing ): `(`"
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: message.replace(/^error parsing regexp: /, "") };
  }
}
