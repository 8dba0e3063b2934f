/** The formats `govcloud drift` writes (kept apart so that the command line loads without them). */
export const DRIFT_FORMATS = ["text", "markdown", "json"] as const;
export type DriftFormat = (typeof DRIFT_FORMATS)[number];
