/**
 * The code cache of the command's modules (cli/compile-cache.ts), built: small CommonJS modules
 * loaded in a child process with the cache on, twice, then changed, corrupted and pruned; and the
 * command itself, whose output is the same with the cache cold, warm and off.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const REPO = resolve(__dirname, "..", "..");
const CLI = join(REPO, "dist", "cli", "main.js");
const COMPILE_CACHE = join(REPO, "dist", "cli", "compile-cache.js");

interface Loaded {
  result: unknown;
  stats: { mode: string; hits: number; misses: number; passed: number };
}

/** Loads `entry` of `dir` with the cache kept in `root`; what it exported and the cache's counts. */
function load(dir: string, root: string, entry = "a.js", env: NodeJS.ProcessEnv = {}): Loaded {
  const script = `
    const { enableCompileCache, compileCacheStats } = require(${JSON.stringify(COMPILE_CACHE)});
    enableCompileCache(${JSON.stringify(root)});
    Promise.resolve(require(${JSON.stringify(join(dir, entry))}).result()).then((result) =>
      process.stdout.write(JSON.stringify({ result, stats: compileCacheStats() })));
  `;
  const run = spawnSync(process.execPath, ["-e", script], {
    encoding: "utf8",
    env: { ...process.env, GOVCLOUD_COMPILE_CACHE: undefined, ...env },
  });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Loaded;
}

/** The cache's entries (one folder per Node and options under the root). */
function entries(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((folder) =>
    readdirSync(join(root, folder)).map((name) => join(root, folder, name)),
  );
}

describe("the code cache of the command's modules", () => {
  let dir: string;
  let root: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "govcloud-compile-cache-"));
    root = join(dir, "cache");
    writeFileSync(
      join(dir, "a.js"),
      [
        "const b = require('./b');",
        "exports.result = () => ({",
        "  b: b.value,",
        "  file: require('path').basename(__filename),",
        "  dir: __dirname === require('path').dirname(__filename),",
        "  resolved: require('path').basename(require.resolve('./b')),",
        "  cached: require.cache[require.resolve('./b')] !== undefined,",
        "  parent: module.children.some((child) => child.exports === b),",
        "  self: this === module.exports,",
        "});",
      ].join("\n"),
    );
    writeFileSync(join(dir, "b.js"), "exports.value = 'first';\n");
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const expected = (b: string) => ({
    b,
    file: "a.js",
    dir: true,
    resolved: "b.js",
    cached: true,
    parent: true,
    self: true,
  });

  it("compiles the modules from the cache the second time, with the same results", () => {
    const cold = load(dir, root);
    assert.deepEqual(cold.result, expected("first"));
    assert.deepEqual(cold.stats, { mode: "hook", hits: 0, misses: 2, passed: 0 });
    assert.equal(entries(root).length, 2);
    const warm = load(dir, root);
    assert.deepEqual(warm.result, expected("first"));
    assert.deepEqual(warm.stats, { mode: "hook", hits: 2, misses: 0, passed: 0 });
    assert.equal(entries(root).length, 2);
  });

  it("keys an entry by the file's text: a change of the same length is compiled afresh", () => {
    load(dir, root);
    writeFileSync(join(dir, "b.js"), "exports.value = 'other';\n");
    const changed = load(dir, root);
    assert.deepEqual(changed.result, expected("other"));
    assert.deepEqual(changed.stats, { mode: "hook", hits: 1, misses: 1, passed: 0 });
  });

  it("compiles again, and rewrites, an entry V8 refuses", () => {
    load(dir, root);
    const [first, second] = entries(root);
    writeFileSync(first, "not V8's cached data");
    writeFileSync(second, "");
    const repaired = load(dir, root);
    assert.deepEqual(repaired.result, expected("first"));
    assert.deepEqual(repaired.stats, { mode: "hook", hits: 0, misses: 2, passed: 0 });
    assert.ok(readFileSync(first).length > 100, "the refused entry was not rewritten");
    assert.deepEqual(load(dir, root).stats, { mode: "hook", hits: 2, misses: 0, passed: 0 });
  });

  it("leaves JSON, ECMAScript modules and modules that import to Node", () => {
    writeFileSync(join(dir, "data.json"), '{ "from": "json" }');
    writeFileSync(join(dir, "esm.mjs"), "export const from = 'esm';\n");
    writeFileSync(
      join(dir, "c.js"),
      "exports.result = async () => [require('./data.json').from, (await import('./esm.mjs')).from];\n",
    );
    for (let run = 0; run < 2; run++) {
      const loaded = load(dir, root, "c.js");
      assert.deepEqual(loaded.result, ["json", "esm"]);
      assert.deepEqual(loaded.stats, { mode: "hook", hits: 0, misses: 0, passed: 1 });
    }
  });

  it("keeps lines where they were: a hashbang line, an error's line in its stack", () => {
    writeFileSync(
      join(dir, "d.js"),
      "#!/usr/bin/env node\n'use strict';\nexports.result = () => new Error('here').stack.split('\\n')[1];\n",
    );
    for (let run = 0; run < 2; run++) {
      const loaded = load(dir, root, "d.js");
      assert.match(String(loaded.result), /d\.js:3:/);
    }
  });

  it("is off with GOVCLOUD_COMPILE_CACHE=off, and kept where GOVCLOUD_COMPILE_CACHE names", () => {
    const off = load(dir, root, "a.js", { GOVCLOUD_COMPILE_CACHE: "off" });
    assert.deepEqual(off.result, expected("first"));
    assert.equal(off.stats.mode, "off");
    assert.equal(existsSync(root), false);
    const elsewhere = join(dir, "elsewhere");
    load(dir, root, "a.js", { GOVCLOUD_COMPILE_CACHE: elsewhere });
    assert.equal(entries(elsewhere).length, 2);
    assert.equal(existsSync(root), false);
  });

  it("says so, and keeps the cache where it was, when GOVCLOUD_COMPILE_CACHE is neither", () => {
    const script = `
      const { enableCompileCache } = require(${JSON.stringify(COMPILE_CACHE)});
      enableCompileCache(${JSON.stringify(root)});
      require(${JSON.stringify(join(dir, "a.js"))});
    `;
    const run = spawnSync(process.execPath, ["-e", script], {
      encoding: "utf8",
      env: { ...process.env, GOVCLOUD_COMPILE_CACHE: "cache" },
    });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      run.stderr,
      `govcloud: warning: GOVCLOUD_COMPILE_CACHE is "cache"; it takes \`off\` or an absolute folder, so the code cache stays in ${root}\n`,
    );
    assert.equal(entries(root).length, 2);
  });

  it("runs as without a cache where it cannot write one", () => {
    writeFileSync(root, "a file where the cache's folder would go");
    const loaded = load(dir, root);
    assert.deepEqual(loaded.result, expected("first"));
    assert.deepEqual(loaded.stats, { mode: "hook", hits: 0, misses: 2, passed: 0 });
  });

  it("removes the oldest entries beyond three per module a run used", () => {
    load(dir, root);
    const folder = join(root, readdirSync(root)[0]);
    const old = new Date("2026-01-01T00:00:00Z");
    for (let i = 0; i < 10; i++) {
      const stale = join(folder, i.toString(16).padStart(64, "0"));
      writeFileSync(stale, "an entry of an earlier build");
      utimesSync(stale, old, old);
    }
    writeFileSync(join(dir, "b.js"), "exports.value = 'third';\n");
    load(dir, root);
    const left = readdirSync(folder);
    assert.equal(left.length, 6);
    assert.equal(left.filter((name) => name.startsWith("0000")).length, 3);
  });
});

describe("the command with its code cache", () => {
  it("reports the same with the cache cold, warm and off", () => {
    const root = mkdtempSync(join(tmpdir(), "govcloud-compile-cache-"));
    try {
      const check = (setting: string) => {
        const run = spawnSync(
          process.execPath,
          [CLI, "check", "health", "--root", REPO, "--today", "2026-12-01", "--format", "json"],
          { encoding: "utf8", env: { ...process.env, GOVCLOUD_COMPILE_CACHE: setting } },
        );
        assert.equal(run.status, 0, run.stderr);
        return JSON.parse(run.stdout) as { durationMs?: unknown };
      };
      const withoutTimes = (report: object) =>
        JSON.stringify(report, (key, value: unknown) =>
          /duration|seconds/i.test(key) ? 0 : value,
        );
      const cold = check(root);
      const written = entries(root).length;
      assert.ok(written > 300, `only ${written} modules cached`);
      const warm = check(root);
      assert.equal(entries(root).length, written);
      const off = check("off");
      assert.equal(withoutTimes(warm), withoutTimes(cold));
      assert.equal(withoutTimes(off), withoutTimes(cold));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
