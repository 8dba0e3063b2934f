/**
 * PulumiPolicy.yaml as the engine reads it before starting a pack: the runtime (a name or a
 * name with options), the version and description that override the pack's own, and clear
 * errors for a file that is missing, not YAML, or names no usable runtime.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
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

  it("places YAML that does not parse by line and column, quoting none of the file", () => {
    const file = join(dir, "PulumiPolicy.yaml");
    assert.equal(
      refusal("runtime: [nodejs\nsecret-line: 1\n"),
      `${file}:2:1: invalid YAML: missed comma between flow collection entries`,
    );
    // Reasons that end with the file's own tag, alias or handle keep only their words.
    for (const [text, words] of [
      ["runtime: !<tag:secret-tag> nodejs\n", "unknown tag"],
      ["runtime: *secret-alias\n", "unidentified alias"],
      ["%TAG !x! tag:a,2000:\n---\nruntime: !secret! nodejs\n", "undeclared tag handle"],
      ["runtime: !secret\\u nodejs\n", "tag name cannot contain such characters"],
    ]) {
      const message = refusal(text);
      assert.match(message, new RegExp(`^${file}:\\d+:\\d+: invalid YAML: ${words}$`), message);
      assert.doesNotMatch(message, /secret/);
    }
  });

  it("reads only a regular file: a link in its place is refused, its target never read", () => {
    const outside = mkdtempSync(join(tmpdir(), "govcloud-outside-"));
    try {
      writeFileSync(join(outside, "key"), "runtime: [secret-key\n");
      symlinkSync(join(outside, "key"), join(dir, "PulumiPolicy.yaml"));
      const message = refusal(undefined);
      assert.match(message, /PulumiPolicy\.yaml is a symbolic link; govcloud reads only regular/);
      assert.doesNotMatch(message, /secret|govcloud-outside/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("refuses a missing file, a missing runtime and a runtime other than nodejs", () => {
    assert.match(refusal(undefined), /failed to load Pulumi policy project/);
    assert.match(refusal("description: no runtime\n"), /missing a 'runtime' attribute/);
    assert.match(refusal("runtime: python\n"), /runtime 'python' is not supported/);
  });
});
