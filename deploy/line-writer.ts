/**
 * The engine's output as it streams, passed on a whole line at a time. The CLI hands its output
 * over in pieces cut wherever a pipe read ended, and every text govcloud writes is redacted on
 * its way out (cli/output.ts): a secret cut in two by a piece boundary would reach the terminal
 * and the CI log as two halves, neither of which the redaction recognises. Whole lines keep a
 * secret in one piece (the redaction knows each line of a secret that spans lines). What
 * follows the last line break waits for the next piece, or for `flush()` once the engine is done.
 */
export interface LineWriter {
  write(piece: string): void;
  /** Passes on what is left of a last line without a line break. */
  flush(): void;
}

export function lineWriter(write: (text: string) => void): LineWriter {
  let partial = "";
  return {
    write(piece) {
      const text = partial + piece;
      const end = text.lastIndexOf("\n") + 1;
      partial = text.slice(end);
      if (end > 0) write(text.slice(0, end));
    },
    flush() {
      const rest = partial;
      partial = "";
      if (rest !== "") write(rest);
    },
  };
}
