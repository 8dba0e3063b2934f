import { strict as assert } from "node:assert";
import {
  cleanMessage,
  formatUpFailure,
  pendingOperationsText,
  siteOfResource,
  stateOf,
  typeFromUrn,
  upFailure,
  UpProgress,
  type StepMetadata,
  type UpEvent,
} from "../../deploy/up-progress";

const SITES = ["qingdao", "laixi"];
const PREFIX = "urn:pulumi:transport::govcloud::govcloud:vdc:DepartmentVdc$";
const urn = (type: string, name: string): string => `${PREFIX}${type}::${name}`;
const INSTANCE = "openstack:compute/instance:Instance";
const VOLUME = "openstack:blockstorage/volume:Volume";
const PORT = "openstack:networking/port:Port";
const PROJECT = "openstack:identity/project:Project";
const provider = (name: string): string =>
  `urn:pulumi:transport::govcloud::pulumi:providers:openstack::${name}::0b7c-id`;

function step(type: string, name: string, op = "create", via?: string): StepMetadata {
  return {
    op,
    urn: urn(type, name),
    type,
    provider: via === undefined ? "" : provider(via),
    new: { custom: true },
  };
}
const pre = (metadata: StepMetadata): UpEvent => ({ resourcePreEvent: { metadata } });
const outputs = (metadata: StepMetadata): UpEvent => ({ resOutputsEvent: { metadata } });
const failed = (metadata: StepMetadata): UpEvent => ({ resOpFailedEvent: { metadata } });
const error = (message: string, at?: string): UpEvent => ({
  diagnosticEvent: { ...(at === undefined ? {} : { urn: at }), message, severity: "error" },
});

const SERVER = step(INSTANCE, "transport-laixi-permits-0", "create", "transport-laixi-project");
const REFUSED =
  `<{%reset%}>creating ${SERVER.urn}: 1 error occurred:\n` +
  `\t* Error creating OpenStack server: Post "http://127.0.0.1:34774/v2.1/servers": dial tcp ` +
  `127.0.0.1:34774: connect: connection refused\n\n<{%reset%}>`;

/** A laixi server refused, a laixi port still running, a qingdao volume done. */
function progressOfRun(): UpProgress {
  const progress = new UpProgress();
  const volume = step(VOLUME, "transport-qingdao-permits-0-records");
  const port = step(PORT, "transport-laixi-permits-0-port");
  const project = step(PROJECT, "transport", "same", "transport-qingdao-admin");
  // A component the program had not finished: not a cloud resource left half made.
  const workload = {
    ...step("govcloud:workload:Workload", "transport-laixi-permits"),
    // The engine leaves `custom` out when it is false.
    new: {},
  };
  for (const event of [
    pre(project),
    outputs(project),
    pre(volume),
    outputs(volume),
    pre(workload),
    pre(SERVER),
    pre(port),
    { resourcePreEvent: { metadata: step(INSTANCE, "planned-only"), planning: true } },
    error(REFUSED, SERVER.urn),
    failed(SERVER),
    error("update failed"),
  ]) {
    progress.add(event);
  }
  return progress;
}

describe("what a failed up left, per region", () => {
  it("tells failed, unfinished and done steps apart; planning events are not steps", () => {
    const progress = progressOfRun();
    assert.deepEqual(
      progress.failed().map((f) => f.metadata.urn),
      [SERVER.urn],
    );
    assert.match(progress.failed()[0].reason, /connection refused$/);
    assert.deepEqual(
      progress.unfinished().map((s) => s.urn),
      [urn(PORT, "transport-laixi-permits-0-port")],
    );
    assert.deepEqual(
      progress
        .done()
        .map((s) => s.op)
        .sort(),
      ["create", "same"],
    );
    assert.deepEqual(progress.generalErrors, ["update failed"]);
  });

  it("a step that failed without an error of its own, and an error of a step never begun, count as failed", () => {
    const progress = new UpProgress();
    const volume = step(VOLUME, "transport-laixi-permits-0-records");
    progress.add(pre(volume));
    progress.add(failed(volume));
    progress.add(error("quota exceeded", urn(INSTANCE, "transport-laixi-permits-1")));
    assert.deepEqual(
      progress.failed().map((f) => [f.metadata.type, f.reason]),
      [
        [VOLUME, ""],
        [INSTANCE, "quota exceeded"],
      ],
    );
    assert.deepEqual(progress.unfinished(), []);
  });

  it("cleans the engine's error text: colours, the repeated URN, the bridge's wrapper", () => {
    assert.equal(
      cleanMessage(REFUSED, SERVER.urn),
      "creating transport-laixi-permits-0: Error creating OpenStack server: Post " +
        '"http://127.0.0.1:34774/v2.1/servers": dial tcp 127.0.0.1:34774: connect: connection refused',
    );
    assert.equal(cleanMessage("<{%fg 1%}>  \n<{%reset%}>"), "");
  });

  it("places a resource by its name, else by its provider's name, else nowhere", () => {
    assert.equal(siteOfResource("transport", SITES, SERVER.urn), "laixi");
    assert.equal(
      siteOfResource(
        "transport",
        SITES,
        urn(PROJECT, "transport"),
        provider("transport-qingdao-admin"),
      ),
      "qingdao",
    );
    assert.equal(siteOfResource("transport", SITES, urn(PROJECT, "transport")), undefined);
    // Another stack's prefix is not this stack's site.
    assert.equal(siteOfResource("transport", SITES, urn(INSTANCE, "water-laixi-x")), undefined);
    assert.equal(typeFromUrn(SERVER.urn), INSTANCE);
    assert.equal(typeFromUrn("not a urn"), "");
  });

  it("names the stack, the region, what failed and why, what did not finish and what is missing", () => {
    const planned = new Map([
      ["qingdao", 20],
      ["laixi", 18],
    ]);
    const resources = [
      ...Array.from({ length: 20 }, (_, i) => ({
        urn: urn(VOLUME, `transport-qingdao-r${i}`),
        type: VOLUME,
      })),
      ...Array.from({ length: 11 }, (_, i) => ({
        urn: urn(VOLUME, `transport-laixi-r${i}`),
        type: VOLUME,
      })),
      { urn: urn(PROJECT, "transport"), type: PROJECT },
    ];
    const failure = upFailure("transport", SITES, progressOfRun(), planned, {
      resources,
      pending: [],
    });
    assert.equal(
      formatUpFailure(failure, 255),
      "govcloud up: the update of transport failed (pulumi exited with code 255) in laixi: " +
        "what did not finish, per region:\n" +
        "  qingdao: ok: 20 of the 20 planned resources are in the stack, 2 done in this run\n" +
        "  laixi: 11 of the 18 planned resources are in the stack, 0 done in this run\n" +
        "    failed (1):\n" +
        "      transport-laixi-permits-0 (Instance): create: creating transport-laixi-permits-0: " +
        'Error creating OpenStack server: Post "http://127.0.0.1:34774/v2.1/servers": dial tcp ' +
        "127.0.0.1:34774: connect: connection refused\n" +
        "    did not finish (1): transport-laixi-permits-0-port (create)\n" +
        "    not in the stack yet: 7 planned resources\n" +
        "  What exists stays in the stack's state. Once the cause is fixed (a service that was " +
        "down answers again), run govcloud up transport again: it creates what is missing and " +
        "leaves what exists alone.\n",
    );
  });

  it("without the state, says what the events say; errors of no resource are shown, the engine's last line is not", () => {
    const progress = progressOfRun();
    progress.add(error("Running program failed: the program threw"));
    const text = formatUpFailure(upFailure("transport", SITES, progress, new Map()));
    assert.match(text, /^govcloud up: the update of transport failed in laixi: /);
    assert.match(text, /\n {2}qingdao: ok: 2 done in this run\n/);
    assert.match(text, /\n {2}laixi: 0 done in this run\n {4}failed \(1\):/);
    assert.match(
      text,
      /\n {2}errors of the update itself:\n {4}Running program failed: the program threw\n/,
    );
    assert.doesNotMatch(text, /update failed/);
    assert.doesNotMatch(text, /not in the stack yet/);
  });

  it("reads the resources and the pending operations of a stack export", () => {
    const exported = {
      version: 3,
      deployment: {
        resources: [{ urn: SERVER.urn, type: INSTANCE }, { type: "broken" }],
        pending_operations: [
          { resource: { urn: SERVER.urn, type: INSTANCE }, type: "creating" },
          { resource: {}, type: "deleting" },
        ],
      },
    };
    assert.deepEqual(stateOf(exported), {
      resources: [{ urn: SERVER.urn, type: INSTANCE }],
      pending: [{ urn: SERVER.urn, type: INSTANCE, operation: "creating" }],
    });
    assert.deepEqual(stateOf({ version: 3, deployment: {} }), { resources: [], pending: [] });
    assert.deepEqual(stateOf(undefined), { resources: [], pending: [] });
  });

  it("tells how to settle a pending create (look it up, delete it, clear it), and other pending operations", () => {
    const creating = pendingOperationsText("transport", [
      { urn: SERVER.urn, type: INSTANCE, operation: "creating" },
    ]);
    assert.match(creating, /^1 operation of transport began and never ended/);
    assert.match(creating, /\n {2}creating transport-laixi-permits-0 \(urn:pulumi:/);
    assert.match(creating, /look it up by its name in its region .* and delete what exists/);
    assert.match(creating, /pulumi refresh --stack transport --clear-pending-creates --yes/);
    assert.match(creating, /pulumi cancel --stack transport --yes releases it first/);
    // Pulumi's import of a pending create does not adopt the resource: not offered.
    assert.doesNotMatch(creating, /import-pending-creates/);
    const updating = pendingOperationsText("transport", [
      { urn: SERVER.urn, type: INSTANCE, operation: "updating" },
      { urn: SERVER.urn, type: INSTANCE, operation: "deleting" },
    ]);
    assert.match(updating, /^2 operations of transport/);
    assert.doesNotMatch(updating, /pending-creates/);
    assert.match(updating, /pulumi refresh --stack transport reads them back/);
  });
});
