/**
 * Writes a ticket register that grants every ticket the estate's department files cite today,
 * as they cite it (model/ticket-seed.ts): the starting point when a platform team begins to keep
 * a register (docs/approvals.md). The team reviews it against the change system before
 * committing it and naming it in platform.yaml (approvals.register); from then on only they add
 * to it.
 *
 *   npx ts-node --transpile-only scripts/seed-ticket-register.ts [--root <estate>] > tickets.yaml
 *
 * Tickets cited by more than one department are printed to stderr and left out, for the team to
 * settle.
 */
import { loadEstate } from "../model/estate-loader";
import { registerText, seedGrants } from "../model/ticket-seed";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

function main(): number {
  const loaded = loadEstate(option("root", "."));
  if (loaded.estate === undefined) {
    process.stderr.write("the estate does not load: run govcloud validate first\n");
    return 2;
  }
  const { estate } = loaded;
  const { grants, contested } = seedGrants(
    estate.departments.map((entry) => entry.department),
    estate.platform,
  );
  for (const ticket of contested) {
    process.stderr.write(`${ticket} is cited by more than one department: left out\n`);
  }
  process.stdout.write(registerText(grants));
  return 0;
}

process.exitCode = main();
