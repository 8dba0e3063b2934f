/**
 * policies/ as a package of its own, the way `pulumi policy publish` packs it (`npm pack`): its
 * entry point inside the folder, a build into the folder before packing, the files a pack needs,
 * and a dependency, at the project's own version, for every package the compiled pack loads.
 */
import { strict as assert } from "node:assert";
import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, resolve } from "node:path";
import { PACK_DIR, REPO_ROOT } from "./support/estate";
import { ensureCompiledPack } from "./support/pack";

interface Manifest {
  main: string;
  files: string[];
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
}

const manifest = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Manifest;

/** The packages the compiled files reachable from `entry` require, by package name. */
function requiredPackages(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const [, spec] of text.matchAll(/require\("([^"]+)"\)/g)) {
      if (spec.startsWith(".")) {
        const target = resolve(dirname(file), spec);
        if (target.endsWith(".json")) continue;
        if (target.endsWith(".js")) visit(target);
        else visit(existsSync(`${target}.js`) ? `${target}.js` : join(target, "index.js"));
      } else if (!spec.startsWith("node:") && !builtinModules.includes(spec)) {
        const parts = spec.split("/");
        packages.add(spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]);
      }
    }
  };
  visit(entry);
  return packages;
}

describe("the policy pack's package", () => {
  const pack = manifest(join(PACK_DIR, "package.json"));
  const root = manifest(join(REPO_ROOT, "package.json"));

  it("has its entry point inside the folder and packs what a pack needs", () => {
    assert.ok(!pack.main.startsWith(".."), pack.main);
    for (const file of ["PulumiPolicy.yaml", pack.main, "bin/"]) {
      assert.ok(pack.files.includes(file), `${file} is not in files`);
    }
    assert.match(pack.scripts.build, /tsc -p tsconfig\.json --outDir bin/);
    assert.equal(pack.scripts.prepack, "npm run build");
  });

  it("pins every dependency at the version the project uses", () => {
    assert.ok("@pulumi/policy" in pack.dependencies && "@pulumi/pulumi" in pack.dependencies);
    for (const [name, version] of Object.entries(pack.dependencies)) {
      assert.equal(version, root.dependencies[name], name);
    }
  });

  it("depends on every package the compiled pack loads, and on no other", function () {
    this.timeout(120_000);
    ensureCompiledPack();
    const loaded = requiredPackages(join(REPO_ROOT, "dist", "policies", "index.js"));
    assert.ok(loaded.has("@pulumi/policy"));
    const missing = [...loaded].filter((name) => !(name in pack.dependencies));
    assert.deepEqual(missing, []);
    // @pulumi/pulumi holds run-policy-pack, which the engine starts the pack with.
    const unused = Object.keys(pack.dependencies).filter(
      (name) => !loaded.has(name) && name !== "@pulumi/pulumi",
    );
    assert.deepEqual(unused, []);
  });
});
