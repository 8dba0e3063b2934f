/**
 * Every cross-file rule, in the order their findings are most useful to read. Each rule is a
 * pure function in its own file; this list only composes them.
 */
import { departmentIdentity } from "./department-identity";
import { references } from "./references";
import type { Rule } from "./rule";

export const RULES: readonly Rule[] = [departmentIdentity, references];
