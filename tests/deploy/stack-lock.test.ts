import { strict as assert } from "node:assert";
import { lockedMessage, lockHolders, type LockHolder } from "../../deploy/stack-lock";

const LOCK = "file:///tmp/state/.pulumi/locks/organization/govcloud/transport/8f1e2c.json";
/** What the engine's file backend says of a locked stack (two holders). */
const REFUSAL =
  "error: the stack is currently locked by 2 lock(s). Either wait for the other process(es) to " +
  "end or delete the lock file with `pulumi cancel`.\n" +
  `  ${LOCK}: created by root@ci-3 (pid 4711) at 2026-11-26T10:00:00Z\n` +
  "  file:///tmp/state/.pulumi/locks/organization/govcloud/transport/aa.json: created by " +
  "deploy bot@build.example (pid 12) at 2026-11-26T10:00:05+08:00\n";

const holder = (host: string, pid: number): LockHolder => ({
  lock: LOCK,
  user: "root",
  host,
  pid,
  since: "2026-11-26T10:00:00Z",
});

describe("a stack locked by another update", () => {
  it("reads each holder the file backend names; the cloud backend names none", () => {
    assert.deepEqual(lockHolders(REFUSAL), [
      holder("ci-3", 4711),
      {
        lock: "file:///tmp/state/.pulumi/locks/organization/govcloud/transport/aa.json",
        user: "deploy bot",
        host: "build.example",
        pid: 12,
        since: "2026-11-26T10:00:05+08:00",
      },
    ]);
    assert.deepEqual(
      lockHolders("error: [409] Conflict: Another update is currently in progress."),
      [],
    );
  });

  it("a holder that still runs: wait, and never cancel under it", () => {
    const text = lockedMessage(
      "up",
      "transport",
      REFUSAL.split("\n").slice(0, 2).join("\n"),
      () => true,
    );
    assert.equal(
      text,
      "govcloud up: transport is locked by another update of the same stack, which is running " +
        "or was interrupted; nothing was changed by this run.\n" +
        "    held by root@ci-3, process 4711, since 2026-11-26T10:00:00Z (still running)\n" +
        `      lock: ${LOCK}\n` +
        "    Wait for it to end, then run govcloud up transport again. Do not run pulumi cancel " +
        "--stack transport --yes while it runs: it deletes every lock of transport, and two " +
        "updates at once corrupt what the state knows.\n",
    );
  });

  it("every holder gone: the lock is stale, release it with pulumi cancel and look for pending operations", () => {
    const text = lockedMessage("up", "transport", REFUSAL, () => false);
    assert.equal((text.match(/no longer running: the lock is stale/g) ?? []).length, 2);
    assert.match(text, /release the stack with pulumi cancel --stack transport --yes/);
    assert.match(text, /pulumi stack export --stack transport: pending_operations/);
    assert.doesNotMatch(text, /Wait for it to end/);
  });

  it("a holder on another machine cannot be told from here: wait, and check there", () => {
    const text = lockedMessage("up", "transport", REFUSAL, (h) =>
      h.pid === 4711 ? false : undefined,
    );
    assert.match(
      text,
      /process 12, since .* \(on another machine; check there whether process 12 still runs\)/,
    );
    assert.match(text, /Wait for it to end/);
  });

  it("names nobody when the backend does not (Pulumi Cloud): wait, or cancel once nothing runs", () => {
    const text = lockedMessage(
      "up",
      "water",
      "error: [409] Conflict: Another update is currently in progress.",
      () => {
        throw new Error("no holder to ask about");
      },
    );
    assert.match(text, /^govcloud up: water is locked by another update/);
    assert.match(text, /wait for the other update to end, then run govcloud up water again/);
    assert.match(
      text,
      /If no update of water runs any more \(it was killed\), pulumi cancel --stack water --yes/,
    );
  });
});
