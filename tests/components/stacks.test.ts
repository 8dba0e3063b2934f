/** Pulumi.yaml and stacks/: one stack per department file and one for the platform. */
import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { REPO_ROOT } from "./fixtures";

const read = (path: string): unknown => parse(readFileSync(join(REPO_ROOT, path), "utf8"));

describe("Pulumi project and stacks", () => {
  it("declares the project, its stack folder and the libvirt local package", () => {
    const project = read("Pulumi.yaml") as Record<string, unknown>;
    assert.equal(project.name, "govcloud");
    assert.equal((project.runtime as { name: string }).name, "nodejs");
    assert.equal(project.main, "index.ts");
    assert.equal(project.stackConfigDir, "stacks");
    assert.deepEqual((project.packages as Record<string, unknown>).libvirt, {
      source: "terraform-provider",
      version: "1.1.3",
      parameters: ["dmacvicar/libvirt", "0.9.2"],
    });
  });

  it("has a stack file for every department file and for the platform, and no other", () => {
    const departments = readdirSync(join(REPO_ROOT, "departments"))
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => f.replace(/\.yaml$/, ""));
    const stacks = readdirSync(join(REPO_ROOT, "stacks"))
      .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
      .map((f) => f.replace(/^Pulumi\.|\.yaml$/g, ""));
    assert.deepEqual(stacks.sort(), [...departments, "platform"].sort());
  });

  it("turns default providers off in every stack", () => {
    for (const file of readdirSync(join(REPO_ROOT, "stacks"))) {
      const config = (read(`stacks/${file}`) as { config?: Record<string, unknown> }).config ?? {};
      assert.deepEqual(config["pulumi:disable-default-providers"], ["*"], file);
    }
  });
});
