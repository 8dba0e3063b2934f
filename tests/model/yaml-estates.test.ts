/**
 * model/yaml-source.ts over real files: every file of the bundled estate and of a generated one
 * takes the fast path, with the data and the position of every field (value and key) the yaml
 * package gives.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readYamlFast } from "../../model/yaml-fast";
import { parseYamlBytes } from "../../model/yaml-source";
import { generateEstate, writeEstate } from "../../scripts/generate-estate";
import { assertSameSource, pathsOf, readWithYaml } from "./yaml-support";

const REPO = join(__dirname, "..", "..");

/** platform.yaml and every department file of the estate in `root`. */
function estateFiles(root: string): string[] {
  const departments = readdirSync(join(root, "departments"))
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => join("departments", name));
  return ["platform.yaml", ...departments];
}

/** Reads every file of the estate in `root` both ways; returns how many fields were compared. */
function compareEstate(root: string): number {
  let fields = 0;
  const files = estateFiles(root);
  assert.ok(files.length > 1, `no department files in ${root}`);
  for (const file of files) {
    const bytes = readFileSync(join(root, file));
    const text = bytes.toString("utf8");
    const fast = readYamlFast(file, text);
    assert.ok(fast !== undefined, `${file}: the fast path declined the file`);
    const reference = readWithYaml(file, text);
    assertSameSource(fast, reference, file);
    const parsed = parseYamlBytes(file, bytes);
    assert.ok(parsed.ok, `${file}: ${JSON.stringify(parsed)}`);
    assert.deepStrictEqual(parsed.source.data, reference.data, file);
    fields += pathsOf(reference.data).length;
  }
  return fields;
}

describe("yaml-source: the fast path over real estates", () => {
  let synthetic: string | undefined;

  after(() => {
    if (synthetic !== undefined) rmSync(synthetic, { recursive: true, force: true });
  });

  it("reads every file of the bundled estate as the yaml package does", () => {
    const fields = compareEstate(REPO);
    assert.ok(fields > 5000, `only ${fields} fields compared`);
  });

  it("reads every file of a generated estate of 30 departments as the yaml package does", () => {
    synthetic = mkdtempSync(join(tmpdir(), "govcloud-yaml-"));
    writeEstate(synthetic, generateEstate({ departments: 30, seed: 7 }).files);
    assert.equal(estateFiles(synthetic).length, 31);
    const fields = compareEstate(synthetic);
    assert.ok(fields > 5000, `only ${fields} fields compared`);
  });
});
