/**
 * The offline diff reads resource options as the engine does: aliases keep a resource (and its
 * id), ignoreChanges keeps the old value, replaceOnChanges and the provider's schema replace,
 * protect refuses deletions and replacements, deleteBeforeReplace avoids the cloud's refusal of
 * a second resource with a unique name. Crafted plans, no program run.
 */
import { strict as assert } from "node:assert";
import type { PlannedResource, PlannedResourceOptions, StackPlan } from "../../plan/types";
import { diffPlans } from "../../diff/plan-diff";
import { parsePropertyPath, resetPath } from "../../diff/property-path";
import type { ResourceChange } from "../../diff/types";

const SITES = ["qingdao", "laixi"];
const PREFIX = "urn:pulumi:water::govcloud::";

function resource(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  options: Partial<PlannedResourceOptions> = {},
  extra: Partial<PlannedResource> = {},
): PlannedResource {
  return {
    urn: `${PREFIX}${type}::${name}`,
    type,
    name,
    custom: true,
    inputs,
    outputs: { id: `id-of-${name}` },
    dependencies: [],
    propertyDependencies: {},
    options: { protect: false, aliases: [], ...options },
    ...extra,
  };
}

function plan(...resources: PlannedResource[]): StackPlan {
  return { project: "govcloud", stack: "water", resources, outputs: {} };
}

function only(base: PlannedResource[], head: PlannedResource[]): ResourceChange[] {
  return diffPlans(plan(...base), plan(...head), SITES).changes;
}

const GROUP = "openstack:compute/serverGroup:ServerGroup";
const INSTANCE = "openstack:compute/instance:Instance";
const VOLUME = "openstack:blockstorage/volume:Volume";
const FLAVOR = "openstack:compute/flavor:Flavor";
const COMMAND = "command:local:Command";

describe("review: the offline diff follows the engine's resource options", () => {
  describe("property paths", () => {
    it("parses keys, indexes, wildcards and quoted keys", () => {
      assert.deepEqual(parsePropertyPath("networks[0].port"), ["networks", 0, "port"]);
      assert.deepEqual(parsePropertyPath("tags[*]"), ["tags", "*"]);
      assert.deepEqual(parsePropertyPath('metadata["a.b"].c'), ["metadata", "a.b", "c"]);
      assert.equal(parsePropertyPath("a[x"), undefined);
    });

    it("resets to the old value, or removes what the old inputs did not have", () => {
      const next = { name: "new", metadata: { a: "2", b: "3" }, tags: ["x", "y"] };
      resetPath({ name: "old", metadata: { a: "1" } }, next, ["name"]);
      resetPath({ name: "old", metadata: { a: "1" } }, next, ["metadata", "*"]);
      assert.deepEqual(next, { name: "old", metadata: { a: "1" }, tags: ["x", "y"] });
    });
  });

  it("a renamed server group that ignores its name, and the instances in it, are not replaced", () => {
    const base = [
      resource(
        GROUP,
        "water-qingdao-db",
        { name: "water-qingdao-db" },
        { ignoreChanges: ["name"] },
      ),
      resource(
        INSTANCE,
        "water-qingdao-db-0",
        { name: "water-qingdao-db-0", schedulerHints: [{ group: "id-of-water-qingdao-db" }] },
        {},
        { propertyDependencies: { schedulerHints: [`${PREFIX}${GROUP}::water-qingdao-db`] } },
      ),
    ];
    const head = [
      resource(
        GROUP,
        "water-qingdao-database",
        { name: "water-qingdao-database" },
        { ignoreChanges: ["name"], aliases: ["water-qingdao-db"] },
      ),
      resource(
        INSTANCE,
        "water-qingdao-database-0",
        {
          name: "water-qingdao-database-0",
          schedulerHints: [{ group: "id-of-water-qingdao-database" }],
        },
        { aliases: ["water-qingdao-db-0"] },
        {
          propertyDependencies: { schedulerHints: [`${PREFIX}${GROUP}::water-qingdao-database`] },
        },
      ),
    ];
    const changes = only(base, head);
    assert.deepEqual(
      changes.map((change) => [change.name, change.kind, change.properties.map((p) => p.path)]),
      // The group's inputs stay (its name is ignored): the engine's `same` step, not listed.
      [["water-qingdao-database-0", "update", ["name"]]],
    );
    assert.ok(changes.every((change) => change.renamedFrom !== undefined));
  });

  it("without ignoreChanges the same rename replaces the group and the instances in it", () => {
    const base = [
      resource(GROUP, "water-qingdao-db", { name: "water-qingdao-db" }),
      resource(
        INSTANCE,
        "water-qingdao-db-0",
        { schedulerHints: [{ group: "id-of-water-qingdao-db" }] },
        {},
        { propertyDependencies: { schedulerHints: [`${PREFIX}${GROUP}::water-qingdao-db`] } },
      ),
    ];
    const head = [
      resource(
        GROUP,
        "water-qingdao-database",
        { name: "water-qingdao-database" },
        { aliases: ["water-qingdao-db"] },
      ),
      resource(
        INSTANCE,
        "water-qingdao-database-0",
        { schedulerHints: [{ group: "id-of-water-qingdao-database" }] },
        { aliases: ["water-qingdao-db-0"] },
        {
          propertyDependencies: { schedulerHints: [`${PREFIX}${GROUP}::water-qingdao-database`] },
        },
      ),
    ];
    const changes = only(base, head);
    assert.deepEqual(
      changes.map((change) => change.kind),
      ["replace", "replace"],
    );
    const instance = changes[1];
    assert.equal(instance.losesData, true);
    assert.deepEqual(instance.properties[0], {
      path: "schedulerHints",
      before: [{ group: "id-of-water-qingdao-db" }],
      after: [{ group: "(new id of water-qingdao-database)" }],
      forcesReplacement: true,
    });
  });

  it("an ignored property never shows as a change, nor replaces", () => {
    const base = [resource(VOLUME, "water-qingdao-v", { volumeType: "a", size: 10 })];
    const head = [
      resource(
        VOLUME,
        "water-qingdao-v",
        { volumeType: "b", size: 10 },
        { ignoreChanges: ["volumeType"] },
      ),
    ];
    assert.deepEqual(only(base, head), []);
  });

  it("replaceOnChanges replaces where the provider would update", () => {
    const base = [resource(COMMAND, "water-qingdao-pair", { create: "a", triggers: ["1"] })];
    const head = [
      resource(
        COMMAND,
        "water-qingdao-pair",
        { create: "b", triggers: ["1"] },
        { replaceOnChanges: ["create"] },
      ),
    ];
    const [change] = only(base, head);
    assert.equal(change.kind, "replace");
    assert.equal(change.properties[0].forcesReplacement, true);
  });

  it("a protected resource is refused by the engine when deleted, or replaced and still protected", () => {
    const base = [
      resource(VOLUME, "water-qingdao-kept", { volumeType: "a" }, { protect: true }),
      resource(VOLUME, "water-qingdao-gone", { volumeType: "a" }, { protect: true }),
      resource(VOLUME, "water-qingdao-lifted", { volumeType: "a" }, { protect: true }),
    ];
    const head = [
      resource(VOLUME, "water-qingdao-kept", { volumeType: "b" }, { protect: true }),
      resource(VOLUME, "water-qingdao-lifted", { volumeType: "b" }),
    ];
    const byName = new Map(only(base, head).map((change) => [change.name, change]));
    assert.equal(byName.get("water-qingdao-kept")?.kind, "replace");
    assert.equal(byName.get("water-qingdao-kept")?.refused?.by, "engine");
    assert.equal(byName.get("water-qingdao-gone")?.kind, "delete");
    assert.equal(byName.get("water-qingdao-gone")?.refused?.by, "engine");
    assert.match(byName.get("water-qingdao-gone")!.refused!.reason, /marked for protection/);
    // Lifting the protection and replacing in one update is what the engine allows.
    assert.equal(byName.get("water-qingdao-lifted")?.kind, "replace");
    assert.equal(byName.get("water-qingdao-lifted")?.refused, undefined);
  });

  it("a flavor replaced create-first is refused by Nova (names are unique); delete-first is not", () => {
    const base = [resource(FLAVOR, "platform-qingdao-flavor-m1", { name: "m1", disk: 20 })];
    const createFirst = only(base, [
      resource(FLAVOR, "platform-qingdao-flavor-m1", { name: "m1", disk: 40 }),
    ]);
    assert.equal(createFirst[0].kind, "replace");
    assert.equal(createFirst[0].refused?.by, "cloud");
    assert.match(createFirst[0].refused!.reason, /Nova flavor names are unique/);
    assert.match(createFirst[0].refused!.fix, /a flavor with a new name/);

    const deleteFirst = only(base, [
      resource(
        FLAVOR,
        "platform-qingdao-flavor-m1",
        { name: "m1", disk: 40 },
        { deleteBeforeReplace: true },
      ),
    ]);
    assert.equal(deleteFirst[0].kind, "replace");
    assert.equal(deleteFirst[0].deleteBeforeReplace, true);
    assert.equal(deleteFirst[0].refused, undefined);

    const renamed = only(base, [
      resource(FLAVOR, "platform-qingdao-flavor-m1", { name: "m1-large", disk: 40 }),
    ]);
    assert.equal(renamed[0].refused, undefined, "a new name does not collide");
  });

  it("a replaced volume replaces its pairing command delete-first, the old pair removed with its ids", () => {
    const volume = `${PREFIX}${VOLUME}::water-qingdao-db-0-data`;
    const pairing = (type: string) =>
      resource(
        COMMAND,
        "water-qingdao-db-0-data-pairing",
        {
          create: `storagectl pair create id-of-water-qingdao-db-0-data ${type}`,
          delete: "storagectl pair delete id-of-water-qingdao-db-0-data",
        },
        { replaceOnChanges: ["create", "delete"], deleteBeforeReplace: true },
        { propertyDependencies: { create: [volume], delete: [volume] } },
      );
    const changes = only(
      [resource(VOLUME, "water-qingdao-db-0-data", { volumeType: "a" }), pairing("async")],
      [resource(VOLUME, "water-qingdao-db-0-data", { volumeType: "b" }), pairing("sync")],
    );
    const command = changes.find((change) => change.type === COMMAND)!;
    assert.equal(command.kind, "replace");
    assert.equal(command.deleteBeforeReplace, true);
    assert.deepEqual(
      command.properties.map((property) => [property.path, property.before, property.after]),
      [
        [
          "create",
          "storagectl pair create id-of-water-qingdao-db-0-data async",
          "storagectl pair create (new id of water-qingdao-db-0-data) sync",
        ],
        [
          "delete",
          "storagectl pair delete id-of-water-qingdao-db-0-data",
          "storagectl pair delete (new id of water-qingdao-db-0-data)",
        ],
      ],
    );
  });

  it("a renamed resource whose inputs stay is unchanged, as the engine's same step", () => {
    const base = [resource(GROUP, "water-qingdao-db", { policies: ["anti-affinity"] })];
    const head = [
      resource(
        GROUP,
        "water-qingdao-database",
        { policies: ["anti-affinity"] },
        { aliases: ["water-qingdao-db"] },
      ),
    ];
    const { changes, counts } = diffPlans(plan(...base), plan(...head), SITES);
    assert.deepEqual(changes, []);
    assert.deepEqual(counts, { create: 0, update: 0, replace: 0, delete: 0, same: 1 });
  });

  it("ids quoted inside strings follow a renamed resource", () => {
    const base = [
      resource(VOLUME, "water-qingdao-db-0-data", { size: 1 }),
      resource(COMMAND, "water-qingdao-db-0-data-pairing", {
        create: "storagectl pair create id-of-water-qingdao-db-0-data",
      }),
    ];
    const head = [
      resource(
        VOLUME,
        "water-qingdao-database-0-data",
        { size: 1 },
        { aliases: ["water-qingdao-db-0-data"] },
      ),
      resource(
        COMMAND,
        "water-qingdao-database-0-data-pairing",
        { create: "storagectl pair create id-of-water-qingdao-database-0-data" },
        { aliases: ["water-qingdao-db-0-data-pairing"] },
      ),
    ];
    // Both keep their inputs once the ids are read as the cloud keeps them: the engine's `same`.
    const { changes, counts } = diffPlans(plan(...base), plan(...head), SITES);
    assert.deepEqual(changes, []);
    assert.equal(counts.same, 2);
  });
});
