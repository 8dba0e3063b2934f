/**
 * Imported for its effect, before anything loads @pulumi/pulumi: the SDK's index loads its
 * automation API and, through it, function serialization (runtime/closure), which requires
 * TypeScript's compiler and npm's Arborist (with pacote, sigstore ...) at once: about a third of
 * a second per process, for code a plan never runs (serializeFunction, computeCodePaths), and a
 * few smaller packages only those and the automation API's commands use (normalize-package-data,
 * execa: about 25 ms), and the automation API itself (its workspaces, stacks and server: about
 * 25 ms more), which only the deploy commands use. Those requires, made from the SDK files named
 * below, get a stand-in that loads the real module the first time something reads from it, so
 * whatever does use them still works. A patch under the guard of plan/sdk-patches.ts: the SDK
 * files must still require those packages.
 */
import Module from "node:module";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { applySdkPatch, functionPatch, type SdkPatch } from "./sdk-patches";

/** Module ids the SDK requires eagerly and a plan never uses, by the SDK file that requires them. */
const DEFERRED: Record<string, string> = {
  typescript: "typescript-shim.js",
  "@npmcli/arborist": "runtime/closure/codePaths.js",
  "normalize-package-data": "runtime/closure/codePaths.js",
  execa: "automation/cmd.js",
  "./automation": "index.js",
};

/** How many requires got a stand-in (tests see the patch at work by it). */
export let deferredRequires = 0;

interface Requiring {
  filename?: string;
}

type Require = (this: Requiring, id: string) => unknown;

function deferred(load: () => object): object {
  let real: object | undefined;
  const target = () => (real ??= load());
  return new Proxy(
    {},
    {
      // `__esModule` keeps TypeScript's __importStar and __importDefault from copying (and so
      // loading) the module; `default` is then the module itself when it is CommonJS, as
      // __importDefault would have made it.
      get: (_, key) => {
        if (key === "__esModule" && real === undefined) return true;
        const module = target() as { __esModule?: boolean };
        if (key === "default" && module.__esModule !== true) return module;
        return Reflect.get(module, key);
      },
      has: (_, key) => Reflect.has(target(), key),
      ownKeys: () => Reflect.ownKeys(target()),
      getOwnPropertyDescriptor: (_, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
        return descriptor === undefined ? undefined : { ...descriptor, configurable: true };
      },
      set: (_, key, value) => Reflect.set(target(), key, value),
    },
  );
}

/** Whether `filename` is that SDK file, in any copy of the SDK (a pack may bring its own). */
function fromSdkFile(filename: string | undefined, file: string): boolean {
  return filename?.endsWith(join("@pulumi", "pulumi", file)) === true;
}

export const LAZY_SDK_MODULES: SdkPatch = {
  ...functionPatch<Require>({
    name: "lazy-sdk-modules",
    package: "@pulumi/pulumi",
    versions: ["3.248.0"],
    where: "Module.prototype.require",
    owner: () => Module.prototype,
    key: "require",
    arity: 1,
    replace: (original) =>
      function (this: Requiring, id: string) {
        const file = DEFERRED[id];
        if (file !== undefined && fromSdkFile(this.filename, file)) {
          deferredRequires++;
          return deferred(() => original.call(this, id) as object);
        }
        return original.call(this, id);
      },
  }),
  shape() {
    // Loaded already, the SDK has made those requires: the patch would take effect nowhere.
    if (require.cache[require.resolve("@pulumi/pulumi")] !== undefined)
      return "@pulumi/pulumi was loaded before plan/lazy-sdk-modules (import it first)";
    const sdk = dirname(require.resolve("@pulumi/pulumi"));
    for (const [id, file] of Object.entries(DEFERRED)) {
      let text: string;
      try {
        text = readFileSync(join(sdk, file), "utf8");
      } catch {
        return `${file} is missing`;
      }
      if (!text.includes(`require("${id}")`)) return `${file} no longer requires ${id}`;
    }
    return undefined;
  },
};

applySdkPatch(LAZY_SDK_MODULES);
