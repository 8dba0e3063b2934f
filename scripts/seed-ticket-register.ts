/**
 * Writes a ticket register that grants every ticket the estate's department files cite today,
 * as they cite it: the starting point when a platform team begins to keep a register
 * (docs/approvals.md). The team reviews it against the change system before committing it and
 * naming it in platform.yaml (approvals.register); from then on only they add to it.
 *
 *   npx ts-node --transpile-only scripts/seed-ticket-register.ts [--root <estate>] > tickets.yaml
 *
 * A ticket cited twice in one department is granted once, with both uses; one cited by two
 * departments is printed to stderr and left out, for the team to settle.
 */
import { stringify } from "yaml";
import { loadEstate } from "../model/estate-loader";
import { citations } from "../model/rules/ticket-register";
import type { TicketGrant } from "../model/types";

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
  const grants = new Map<string, TicketGrant>();
  const contested = new Set<string>();
  for (const { department } of loaded.estate.departments) {
    for (const citation of citations(department)) {
      const known = grants.get(citation.ticket);
      if (known !== undefined && known.department !== department.id) {
        contested.add(citation.ticket);
        continue;
      }
      const grant: TicketGrant = known ?? {
        ticket: citation.ticket,
        department: department.id,
        scope: [],
        approver:
          citation.approver ?? loaded.estate.platform.approvals.approvers[0]?.id ?? "platform-team",
        date: citation.date ?? department.approval.date,
      };
      if (!grant.scope.includes(citation.use)) grant.scope.push(citation.use);
      if (citation.workloadNames !== undefined) {
        grant.workloads = [...(grant.workloads ?? []), citation.workloadNames[0]];
      }
      grants.set(citation.ticket, grant);
    }
  }
  for (const ticket of contested) {
    grants.delete(ticket);
    process.stderr.write(`${ticket} is cited by more than one department: left out\n`);
  }
  const tickets = [...grants.values()].sort((a, b) => (a.ticket < b.ticket ? -1 : 1));
  process.stdout.write(
    [
      "# yaml-language-server: $schema=schema/tickets.schema.json",
      "# The change tickets the platform team has granted (docs/approvals.md). Owned by the",
      "# platform team: a department's file may cite only what is granted here, as granted.",
      "tickets:",
      // One line a grant: the register is read and reviewed one ticket at a time.
      ...tickets.map(
        (grant) => `  - ${stringify(grant, { collectionStyle: "flow", lineWidth: 0 }).trim()}`,
      ),
      "",
    ].join("\n"),
  );
  return 0;
}

process.exitCode = main();
