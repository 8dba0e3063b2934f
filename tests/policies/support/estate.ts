/** The estate the policy tests run the pack against (tests/policies/fixtures/estate). */
import { resolve } from "node:path";
import type { Estate } from "../../../model/estate";
import { loadEstate } from "../../../model/estate-loader";

export const REPO_ROOT = resolve(__dirname, "..", "..", "..");
export const PACK_DIR = resolve(REPO_ROOT, "policies");
export const FIXTURE_ROOT = resolve(__dirname, "..", "fixtures", "estate");
/** Approvals expire: a fixed date keeps every run the same. */
export const TODAY = "2026-11-01";
/** The department whose stack the tests analyze. */
export const STACK = "police";

const cache = new Map<string, Estate>();

export function estateAt(root: string): Estate {
  let estate = cache.get(root);
  if (estate === undefined) {
    const result = loadEstate(root, { today: TODAY });
    if (result.estate === undefined) {
      throw new Error(`${root} does not load: ${JSON.stringify(result.problems, null, 2)}`);
    }
    estate = result.estate;
    cache.set(root, estate);
  }
  return estate;
}
