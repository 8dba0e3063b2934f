/**
 * PulumiPolicy.yaml as the engine reads it before starting a pack: the runtime (a name or a
 * name with options), the version and description that override the pack's own, and clear
 * errors for a file that is missing, not YAML, or names no usable runtime.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PolicyPackProjectError, readPolicyPackProject } from "../../analyzer/pack-project";

describe("reading PulumiPolicy.yaml", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "govcloud-pack-project-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const read = (text: string) => {
    writeFileSync(join(dir, "PulumiPolicy.yaml"), text);
    return readPolicyPackProject(dir);
  };
  const refusal = (text: string | undefined): string => {
    if (text !== undefined) writeFileSync(join(dir, "PulumiPolicy.yaml"), text);
    try {
      readPolicyPackProject(dir);
    } catch (error) {
      assert.ok(error instanceof PolicyPackProjectError, String(error));
      return error.message;
    }
    return assert.fail("the file was accepted");
  };

  it("takes a runtime by name, with the version and description given", () => {
    assert.deepEqual(read("runtime: nodejs\nversion: 1.2.0\ndescription: City rules\n"), {
      runtime: "nodejs",
      runtimeOptions: {},
      version: "1.2.0",
      description: "City rules",
    });
  });

  it("takes a runtime with options", () => {
    const project = read("runtime:\n  name: nodejs\n  options:\n    typescript: false\n");
    assert.deepEqual(project, { runtime: "nodejs", runtimeOptions: { typescript: false } });
  });

  it("refuses a file that is not YAML, naming the file", () => {
    const message = refusal("runtime: [nodejs\n");
    assert.match(message, /PulumiPolicy\.yaml: invalid YAML/);
  });

  it("refuses a missing file, a missing runtime and a runtime other than nodejs", () => {
    assert.match(refusal(undefined), /failed to load Pulumi policy project/);
    assert.match(refusal("description: no runtime\n"), /missing a 'runtime' attribute/);
    assert.match(refusal("runtime: python\n"), /runtime 'python' is not supported/);
  });
});
