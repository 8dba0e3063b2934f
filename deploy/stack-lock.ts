/**
 * A stack that another update holds: the engine refuses a second update of the same stack at
 * once. A file (DIY) backend keeps one lock file per running update under
 * `.pulumi/locks/<org>/<project>/<stack>/` and names each holder in its refusal:
 *
 *   the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or
 *   delete the lock file with `pulumi cancel`.
 *     file:///state/.pulumi/locks/organization/govcloud/water/<id>.json: created by root@ci-3 (pid 4711) at 2026-11-26T10:00:00Z
 *
 * The Pulumi Cloud backend says "[409] Conflict: Another update is currently in progress." and
 * names nobody. `pulumi cancel` ends the cloud backend's update and, on a file backend, deletes
 * every lock file of the stack (pkg/backend/diy CancelCurrentUpdate of the Pulumi CLI).
 */

export interface LockHolder {
  /** Where the lock is (the lock file's URL on a file backend). */
  lock: string;
  user: string;
  host: string;
  pid: number;
  /** When the update that holds it began, as the engine wrote it (RFC 3339). */
  since: string;
}

const HOLDER = /^\s*(\S+): created by (.*)@([^@\s]+) \(pid (\d+)\) at (\S+)\s*$/;

/** The lock holders the engine's refusal names (none for the cloud backend). */
export function lockHolders(output: string): LockHolder[] {
  const holders: LockHolder[] = [];
  for (const line of output.split("\n")) {
    const found = HOLDER.exec(line);
    if (found === null) continue;
    holders.push({
      lock: found[1],
      user: found[2],
      host: found[3],
      pid: Number(found[4]),
      since: found[5],
    });
  }
  return holders;
}

/**
 * Whether the holder still runs: true or false when it is on this machine (`host` equal to this
 * machine's name) and the answer is known, undefined when it cannot be told from here.
 */
export type HolderAlive = (holder: LockHolder) => boolean | undefined;

/** The message `govcloud up` prints when the stack is locked by another update. */
export function lockedMessage(
  command: string,
  stack: string,
  output: string,
  alive: HolderAlive,
): string {
  const holders = lockHolders(output);
  const cancel = `pulumi cancel --stack ${stack} --yes`;
  const lines = [
    `govcloud ${command}: ${stack} is locked by another update of the same stack, which is ` +
      `running or was interrupted; nothing was changed by this run.`,
  ];
  if (holders.length === 0) {
    lines.push(
      `    wait for the other update to end, then run govcloud ${command} ${stack} again.`,
      `    If no update of ${stack} runs any more (it was killed), ${cancel} releases the stack.`,
    );
    return lines.join("\n") + "\n";
  }
  const stale: LockHolder[] = [];
  for (const holder of holders) {
    const state = alive(holder);
    if (state === false) stale.push(holder);
    const status =
      state === true
        ? "still running"
        : state === false
          ? "no longer running: the lock is stale"
          : `on another machine; check there whether process ${holder.pid} still runs`;
    lines.push(
      `    held by ${holder.user}@${holder.host}, process ${holder.pid}, since ${holder.since} ` +
        `(${status})`,
      `      lock: ${holder.lock}`,
    );
  }
  if (stale.length === holders.length) {
    lines.push(
      `    No update holding it runs any more: release the stack with ${cancel} (it deletes ` +
        `every lock of ${stack}), look for operations the interrupted update left pending ` +
        `(pulumi stack export --stack ${stack}: pending_operations), then run govcloud ` +
        `${command} ${stack} again.`,
    );
  } else {
    lines.push(
      `    Wait for it to end, then run govcloud ${command} ${stack} again. Do not run ${cancel} ` +
        `while it runs: it deletes every lock of ${stack}, and two updates at once corrupt ` +
        `what the state knows.`,
    );
  }
  return lines.join("\n") + "\n";
}
