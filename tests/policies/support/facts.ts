/**
 * The CityFacts the rules are given, built as the pack builds them when it loads (cityFacts of
 * the estate): from the test estate (fixtures/estate: police and water at two small sites) on the
 * tests' fixed day. A test that needs another city edits a copy of that estate first, so that the
 * facts stay consistent with each other (capacity, usage and failover all follow the edit).
 */
import type { Estate } from "../../../model/estate";
import type { CityFacts } from "../../../policies/lib/facts";
import { cityFacts } from "../../../policies/lib/facts";
import { estateAt, FIXTURE_ROOT, TODAY } from "./estate";

let plain: CityFacts | undefined;

/** The facts of the test estate; with `edit`, of a copy of it changed by `edit`. */
export function testFacts(edit?: (estate: Estate) => void): CityFacts {
  if (edit === undefined) {
    plain ??= cityFacts(estateAt(FIXTURE_ROOT), TODAY);
    return plain;
  }
  const estate = structuredClone(estateAt(FIXTURE_ROOT));
  edit(estate);
  return cityFacts(estate, TODAY);
}
