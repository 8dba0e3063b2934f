/**
 * V8's code cache for the command's own modules and its dependencies, kept on disk between runs.
 *
 * A check loads about 520 CommonJS files (5 MB of JavaScript: the Pulumi SDK, gRPC, the policy
 * SDK, the providers' SDKs, the program and the pack) and compiles every function it runs the
 * first time it runs it. V8 can hand back what it compiled for a script (`createCachedData`) and
 * take it again on the next run instead of compiling. Made when the process ends, the cache holds
 * the functions the run compiled as well as the scripts' top levels: on the bundled estate's
 * check that took about 0.17 s off (median of twelve alternated runs), a cache made when each
 * file is compiled (as the `v8-compile-cache` package makes it) about 0.07 s.
 *
 * Node from 22.1 caches this way itself (`module.enableCompileCache`), and that is what is used
 * there. Node 20 has no such hook, so there this module compiles CommonJS files itself: it takes
 * the place of `Module.prototype._compile` for plain `.js` and `.cjs` files and compiles them
 * with `vm.Script` as Node does when a module wrapper is set, with the same `require`, `module`,
 * `exports`, `__filename` and `__dirname`. Anything else (an ECMAScript module, a file that uses
 * `import()`, a policy manifest, `--inspect-brk`, source maps) goes to Node's own compiler, as
 * does a file whose wrapped text does not compile (so that Node reports it).
 *
 * The cache is keyed by the file's name and a SHA-256 of its text (V8 itself checks only the
 * length of the source, its own version and its flags), in a folder per Node version and set of
 * Node options (cached code made under other V8 flags is refused). Entries are written once, at
 * exit, each to a temporary file renamed into place, so processes running side by side never
 * read half an entry; a refused or unreadable entry is compiled again and rewritten. Any failure
 * to read or write the cache only costs the time it would have saved. `GOVCLOUD_COMPILE_CACHE=off`
 * switches it off; `GOVCLOUD_COMPILE_CACHE=<absolute folder>` keeps it there instead (for an
 * install the user cannot write to).
 */
import Module from "node:module";
import { createHash } from "node:crypto";
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, extname, isAbsolute, join, resolve } from "node:path";
import vm from "node:vm";

/** The environment variable that switches the cache off (`off`) or moves it (a folder). */
export const COMPILE_CACHE_VARIABLE = "GOVCLOUD_COMPILE_CACHE";

/** Where the cache goes: the install's own `node_modules/.cache`, as build tools keep theirs. */
export function defaultCompileCacheDir(): string {
  return join(resolve(__dirname, "..", ".."), "node_modules", ".cache", "govcloud", "compile");
}

/** What a process did with the cache (tests read it). */
export interface CompileCacheStats {
  /** `node` (Node's own cache), `hook` (this module's), or `off`. */
  mode: "node" | "hook" | "off";
  /** Modules compiled from the cache. */
  hits: number;
  /** Modules compiled without it (their entries are written at exit). */
  misses: number;
  /** Modules left to Node's own compiler. */
  passed: number;
}

const stats: CompileCacheStats = { mode: "off", hits: 0, misses: 0, passed: 0 };

export function compileCacheStats(): Readonly<CompileCacheStats> {
  return stats;
}

/** Entries kept per module a run used, before the oldest go (a rebuild leaves stale ones). */
const ENTRIES_KEPT_PER_MODULE = 3;

/** The parts of Node's CommonJS module this hook uses (`node:module` types omit them). */
interface CjsModule {
  exports: unknown;
  require(id: string): unknown;
}

interface CjsModuleStatics {
  prototype: CjsModule & { _compile: Compile };
  wrap(content: string): string;
  _resolveFilename(request: string, parent: CjsModule, isMain: boolean, options?: object): string;
  _resolveLookupPaths(request: string, parent: CjsModule): string[] | null;
  _extensions: NodeJS.RequireExtensions;
  _cache: NodeJS.Dict<NodeModule>;
}

type Compile = (this: CjsModule, content: string, filename: string, format?: string) => unknown;

const CjsModule = Module as unknown as CjsModuleStatics;

interface NodeCompileCache {
  enableCompileCache?: (dir?: string) => unknown;
}

/** The folder of this Node and these Node options: V8 refuses code cached under other flags. */
function runtimeFolder(root: string): string {
  const options = createHash("sha256")
    .update(JSON.stringify([process.execArgv, process.env.NODE_OPTIONS ?? ""]))
    .digest("hex")
    .slice(0, 16);
  return join(root, `${process.version}-${process.arch}-${options}`);
}

function entryKey(filename: string, content: string): string {
  return createHash("sha256").update(filename).update("\0").update(content).digest("hex");
}

function readEntry(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Node options under which Node's compiler does more than compile: it pauses in the debugger,
 * checks a policy manifest, tells ECMAScript modules apart, or records source maps.
 */
const NODE_COMPILES_ALONE = [
  "--inspect-brk",
  "--experimental-policy",
  "--experimental-detect-module",
  "--enable-source-maps",
];

function nodeCompilesAlone(): boolean {
  const options = [
    ...process.execArgv,
    ...(process.env.NODE_OPTIONS ?? "").split(/\s+/).filter((o) => o !== ""),
  ];
  return options.some((option) => NODE_COMPILES_ALONE.some((name) => option.startsWith(name)));
}

/**
 * `import(` anywhere in a file's text (a comment too): Node 20's `vm.Script` loses the way back to
 * the loader for a script made from cached data, so a cached module could not import.
 */
const DYNAMIC_IMPORT = /(?:^|[^\w$.])import\s*\(/;

/** Whether this file is one the hook compiles: a CommonJS script that never imports. */
function compiledByHook(filename: string, format: string | undefined, content: string): boolean {
  if (format !== undefined && format !== "commonjs") return false;
  const extension = extname(filename);
  return (extension === ".js" || extension === ".cjs") && !DYNAMIC_IMPORT.test(content);
}

/** The program's main module, as every module's `require.main` names it. */
const mainModule = require.main;

/** The `require` Node gives a module, made from the module's own `require`. */
function requireOf(module: CjsModule): NodeJS.Require {
  const moduleRequire = ((id: string) => module.require(id)) as NodeJS.Require;
  const resolveRequest = ((request: string, options?: { paths?: string[] }) =>
    CjsModule._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  resolveRequest.paths = (request: string) => CjsModule._resolveLookupPaths(request, module);
  moduleRequire.resolve = resolveRequest;
  moduleRequire.main = mainModule;
  moduleRequire.extensions = CjsModule._extensions;
  moduleRequire.cache = CjsModule._cache;
  return moduleRequire;
}

/** A hashbang line becomes a comment of the same length, so that lines and columns stay put. */
function withoutHashbang(content: string): string {
  return content.startsWith("#!") ? `//${content.slice(2)}` : content;
}

/** Removes the oldest entries beyond `keep` (those of earlier builds, mostly). */
function prune(folder: string, keep: number): void {
  const entries = readdirSync(folder)
    .filter((name) => /^[0-9a-f]{64}$/.test(name))
    .map((name) => ({ name, mtime: statSync(join(folder, name)).mtimeMs }));
  if (entries.length <= keep) return;
  entries.sort((a, b) => b.mtime - a.mtime);
  for (const entry of entries.slice(keep)) rmSync(join(folder, entry.name), { force: true });
}

function installHook(folder: string): void {
  const original = CjsModule.prototype._compile;
  const made: { file: string; script: vm.Script }[] = [];
  CjsModule.prototype._compile = function (this: CjsModule, content, filename, format) {
    if (!compiledByHook(filename, format, content)) {
      stats.passed++;
      return original.call(this, content, filename, format);
    }
    const file = join(folder, entryKey(filename, content));
    const cachedData = readEntry(file);
    let script: vm.Script;
    try {
      script = new vm.Script(CjsModule.wrap(withoutHashbang(content)), { filename, cachedData });
    } catch {
      // Not a CommonJS script this way (or not JavaScript at all): Node decides, and reports.
      stats.passed++;
      return original.call(this, content, filename, format);
    }
    if (cachedData !== undefined && !script.cachedDataRejected) stats.hits++;
    else {
      stats.misses++;
      made.push({ file, script });
    }
    const wrapper = script.runInThisContext({ displayErrors: true }) as (
      ...args: unknown[]
    ) => unknown;
    return wrapper.call(
      this.exports,
      this.exports,
      requireOf(this),
      this,
      filename,
      dirname(filename),
    );
  };
  process.once("exit", () => {
    if (made.length === 0) return;
    try {
      mkdirSync(folder, { recursive: true });
      for (const { file, script } of made) {
        const temporary = `${file}.${process.pid}.tmp`;
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, file);
      }
      prune(folder, ENTRIES_KEPT_PER_MODULE * (stats.hits + stats.misses));
    } catch {
      // A read-only install, a full disk: the next run compiles again, as without a cache.
    }
  });
}

/**
 * Turns the cache on for this process, for the modules it loads from now on. The cache is kept
 * in `root` (default: defaultCompileCacheDir()), or in the absolute folder
 * `GOVCLOUD_COMPILE_CACHE` names; `GOVCLOUD_COMPILE_CACHE=off` leaves it off.
 */
export function enableCompileCache(root = defaultCompileCacheDir()): CompileCacheStats["mode"] {
  const setting = process.env[COMPILE_CACHE_VARIABLE];
  if (setting === "off" || stats.mode !== "off") return stats.mode;
  let folder = root;
  if (setting !== undefined && setting !== "") {
    if (isAbsolute(setting)) folder = setting;
    else
      process.stderr.write(
        `govcloud: warning: ${COMPILE_CACHE_VARIABLE} is ${JSON.stringify(setting)}; it takes \`off\` or an absolute folder, so the code cache stays in ${root}\n`,
      );
  }
  const node = Module as unknown as NodeCompileCache;
  if (typeof node.enableCompileCache === "function") {
    node.enableCompileCache(folder);
    stats.mode = "node";
  } else if (Number(process.versions.node.split(".")[0]) === 20 && !nodeCompilesAlone()) {
    installHook(runtimeFolder(folder));
    stats.mode = "hook";
  }
  return stats.mode;
}
