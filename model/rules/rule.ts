/** The shape of a validation rule: a pure function from the loaded estate to findings. */
import type { Estate } from "../estate";
import type { Finding } from "../problem";

export interface RuleContext {
  estate: Estate;
  /** Today's date as YYYY-MM-DD, passed in so that rules stay pure and tests stay repeatable. */
  today: string;
}

export interface Rule {
  /** Short kebab-case name; the findings it returns carry their own, more specific codes. */
  name: string;
  description: string;
  check(context: RuleContext): Finding[];
}
