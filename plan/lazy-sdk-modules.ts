/**
 * Imported for its effect, before anything loads @pulumi/pulumi: the SDK's index loads its
 * automation API and, through it, function serialization (runtime/closure), which requires
 * TypeScript's compiler and npm's Arborist (with pacote, sigstore ...) at once: about a third of
 * a second per process, for code a plan never runs (serializeFunction, computeCodePaths), and a
 * few smaller packages only those and the automation API's commands use (normalize-package-data,
 * execa: about 25 ms). Those requires, made from the SDK files named below, get a stand-in
 * that loads the real module the first time something reads from it, so whatever does use them
 * still works.
 */
import Module from "node:module";

/** Module ids the SDK requires eagerly and a plan never uses, by the SDK file that requires them. */
const DEFERRED: Record<string, string> = {
  typescript: "typescript-shim.js",
  "@npmcli/arborist": "codePaths.js",
  "normalize-package-data": "codePaths.js",
  execa: "cmd.js",
};

interface Requiring {
  filename?: string;
  require(id: string): unknown;
}

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

const prototype = Module.prototype as unknown as Requiring;
const marker = Symbol.for("govcloud.lazy-sdk-modules");
const installed = prototype as unknown as Record<symbol, boolean>;
if (!installed[marker]) {
  installed[marker] = true;
  const require = prototype.require;
  prototype.require = function (this: Requiring, id: string) {
    const file = DEFERRED[id];
    if (
      file !== undefined &&
      this.filename?.includes(`${"@pulumi"}/pulumi/`) === true &&
      this.filename.endsWith(file)
    ) {
      return deferred(() => require.call(this, id) as object);
    }
    return require.call(this, id);
  };
}
