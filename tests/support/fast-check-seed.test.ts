/**
 * The one seed of a run's property tests (tests/support/fast-check-seed.ts): taken from FC_SEED,
 * used by fast-check, and not overridden by any test.
 */
import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import fc from "fast-check";
import { propertySeed, runSeed } from "./fast-check-seed";

const TESTS = resolve(__dirname, "..");

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "fixtures" ? [] : testFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** The text of each call `fc.<name>(...)` in `source`, parentheses matched. */
function calls(source: string, name: string): string[] {
  const found: string[] = [];
  for (let start = source.indexOf(`fc.${name}(`); start >= 0;) {
    let depth = 0;
    let end = start + `fc.${name}`.length;
    for (; end < source.length; end++) {
      if (source[end] === "(") depth++;
      else if (source[end] === ")" && --depth === 0) break;
    }
    found.push(source.slice(start, end + 1));
    start = source.indexOf(`fc.${name}(`, end);
  }
  return found;
}

describe("the seed of the property tests", () => {
  it("is FC_SEED when it is set, and random otherwise", () => {
    assert.equal(propertySeed({ FC_SEED: "562834505" }), 562834505);
    assert.equal(propertySeed({ FC_SEED: "-17" }), -17);
    // fast-check prints seeds as unsigned or signed 32-bit numbers; both replay the same run.
    assert.equal(propertySeed({ FC_SEED: "4294967295" }), -1);
    const random = propertySeed({});
    assert.ok(Number.isInteger(random) && random >= -0x80000000 && random <= 0x7fffffff);
    assert.equal(typeof propertySeed({ FC_SEED: " " }), "number");
    for (const wrong of ["abc", "1.5", "99999999999"]) {
      assert.throws(() => propertySeed({ FC_SEED: wrong }), /FC_SEED must be a whole number/);
    }
  });

  it("is the one fast-check uses in this run", () => {
    assert.equal(fc.readConfigureGlobal().seed, runSeed);
    if (process.env.FC_SEED !== undefined) assert.equal(runSeed, propertySeed());
  });

  it("is not overridden by any property test", () => {
    for (const file of testFiles(TESTS)) {
      const source = readFileSync(file, "utf8");
      for (const call of [...calls(source, "assert"), ...calls(source, "check")]) {
        assert.doesNotMatch(
          call,
          /\bseed\s*:/,
          `${relative(TESTS, file)} passes a seed to fast-check; the run's seed comes from ` +
            "FC_SEED (tests/support/fast-check-seed.ts)",
        );
      }
    }
  });
});
