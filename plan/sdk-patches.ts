/**
 * The one guard of every function govcloud replaces inside @pulumi/pulumi, @pulumi/policy,
 * @grpc/grpc-js or google-protobuf at run time to plan and check faster (the modules that
 * declare them: plan/lazy-sdk-modules.ts, plan/runtime-tuning.ts, analyzer/in-process.ts,
 * analyzer/shared-decoding.ts).
 *
 * A patch reaches into a package's internals as one release has them. An upgrade may move or
 * change what it replaces, and the patch would then silently stop paying (slower plans) or
 * behave differently (other plans). So a patch is applied only when it is not switched off, the
 * installed package is a version it was written for, and what it replaces has the shape it
 * expects; and it is undone when, once applied, it did not take effect. Otherwise the package
 * runs as shipped, which plans and checks exactly the same, only more slowly, and the process
 * says so once on stderr.
 *
 * GOVCLOUD_SDK_PATCHES=off runs every package as shipped; `off:<name>,<name>` switches single
 * patches off (the benchmark measures each patch that way).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface SdkPatch {
  /** Its name in GOVCLOUD_SDK_PATCHES and in the warning. */
  name: string;
  /** The package whose internals it replaces, and the exact versions it was written for. */
  package: string;
  versions: readonly string[];
  /** The folder the package is resolved from (default: govcloud's own). */
  from?: string;
  /** What is unexpected about the code it replaces, or undefined when all is as expected. */
  shape(): string | undefined;
  /** Applies the patch; returns what undoes it. */
  apply(): () => void;
  /** Whether the patch, once applied, took effect. */
  engaged(): boolean;
}

export const PATCHES_VARIABLE = "GOVCLOUD_SDK_PATCHES";

/** Why each patch applied or not, by name: true, or the reason it runs as shipped. */
const outcomes = new Map<string, true | string>();
let warned = false;

/** The patches the environment switches off: every one (`off`) or those named after `off:`. */
function switchedOff(name: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env[PATCHES_VARIABLE] ?? "").trim();
  if (value === "off") return true;
  if (!value.startsWith("off:")) return false;
  return value
    .slice("off:".length)
    .split(",")
    .some((entry) => entry.trim() === name);
}

/** The version in the package.json of `name` as found from `from`, or undefined when it is not installed. */
export function installedVersion(name: string, from?: string): string | undefined {
  let dir: string;
  try {
    dir = dirname(require.resolve(name, from === undefined ? undefined : { paths: [from] }));
  } catch {
    return undefined;
  }
  // The main file may sit in a subfolder (build/src/...): walk up to the package's own file.
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === name) return manifest.version;
    } catch {
      // no package.json here
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Why `patch` must not be applied, or undefined when it may. */
function refusal(patch: SdkPatch): string | undefined {
  const version = installedVersion(patch.package, patch.from);
  if (version === undefined || !patch.versions.includes(version)) {
    return `${patch.package} is ${version ?? "not installed"}, not ${patch.versions.join(" or ")} that the patch ${patch.name} was written for`;
  }
  const shape = patch.shape();
  return shape === undefined
    ? undefined
    : `${patch.package} ${version}: ${shape} (patch ${patch.name})`;
}

function warn(reason: string): void {
  if (warned) return;
  warned = true;
  process.stderr.write(
    `govcloud: warning: ${reason}; running the SDK as shipped there: plans and checks are the same, only slower\n`,
  );
}

/**
 * Applies `patch` once per process when it may (see above) and says whether it is in effect.
 * A patch switched off by the environment is quietly left out; one refused is reported once.
 */
export function applySdkPatch(patch: SdkPatch): boolean {
  const known = outcomes.get(patch.name);
  if (known !== undefined) return known === true;
  if (switchedOff(patch.name)) {
    outcomes.set(patch.name, "switched off");
    return false;
  }
  let reason: string | undefined;
  try {
    reason = refusal(patch);
    if (reason === undefined) {
      const undo = patch.apply();
      if (!patch.engaged()) {
        undo();
        reason = `the patch ${patch.name} did not take effect in ${patch.package}`;
      }
    }
  } catch (error) {
    // A module gone or moved, an export that became a getter: nothing was replaced.
    const message = error instanceof Error ? error.message : String(error);
    reason = `the patch ${patch.name} could not be applied to ${patch.package}: ${message}`;
  }
  outcomes.set(patch.name, reason ?? true);
  if (reason !== undefined) warn(reason);
  return reason === undefined;
}

/** A patch that puts a wrapper in the place of a function of a module, class or prototype. */
export interface FunctionPatch<F> {
  name: string;
  package: string;
  versions: readonly string[];
  from?: string;
  /** Where the function is, for the warning, e.g. "runtime/rpc.js transferProperties". */
  where: string;
  /** What holds the function: a module's exports, a class, a prototype. */
  owner(): object;
  key: string;
  /** Its number of parameters in the versions written for: a changed signature is a changed function. */
  arity: number;
  /** The function to put in its place, given the original. */
  replace(original: F): F;
}

export function functionPatch<F>(spec: FunctionPatch<F>): SdkPatch {
  const slot = () => spec.owner() as Record<string, unknown>;
  let replacement: F | undefined;
  return {
    name: spec.name,
    package: spec.package,
    versions: spec.versions,
    ...(spec.from === undefined ? {} : { from: spec.from }),
    shape() {
      const value = slot()[spec.key];
      if (typeof value !== "function") return `${spec.where} is not a function`;
      if (value.length !== spec.arity)
        return `${spec.where} has ${value.length} parameters, not ${spec.arity}`;
      return undefined;
    },
    apply() {
      const owner = slot();
      const original = owner[spec.key];
      replacement = spec.replace(original as F);
      owner[spec.key] = replacement;
      return () => {
        owner[spec.key] = original;
      };
    },
    engaged: () => replacement !== undefined && slot()[spec.key] === replacement,
  };
}

/** Every patch tried in this process: true when in effect, else why not. */
export function sdkPatchOutcomes(): ReadonlyMap<string, true | string> {
  return outcomes;
}

/** Lets the next refusal warn again (tests of the warning; what was applied stays applied). */
export function rearmSdkPatchWarning(): void {
  warned = false;
}
