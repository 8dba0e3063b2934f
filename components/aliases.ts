/**
 * Pulumi aliases from earlier names. A child's URN holds its parents' types, not their names,
 * so an alias needs only the old name: the parent (renamed along with it) keeps its type.
 */
import type * as pulumi from "@pulumi/pulumi";

export function aliasesFrom(formerNames: readonly string[]): pulumi.Alias[] {
  return formerNames.map((name) => ({ name }));
}

/** `opts` with aliases added when there are earlier names, unchanged otherwise. */
export function withFormerNames<T extends pulumi.ResourceOptions>(
  opts: T,
  formerNames: readonly string[],
): T {
  return formerNames.length === 0 ? opts : { ...opts, aliases: aliasesFrom(formerNames) };
}
