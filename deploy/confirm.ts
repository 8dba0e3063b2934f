/** Asks a yes/no question on the terminal; anything but "y" or "yes" is a no. */
import { createInterface } from "node:readline/promises";

export async function confirmOnTerminal(question: string): Promise<boolean> {
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await terminal.question(`${question} [y/N] `);
    return /^(y|yes)$/i.test(answer.trim());
  } finally {
    terminal.close();
  }
}
