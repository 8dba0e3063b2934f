/** The formats `govcloud review` writes (kept apart so that the command line loads without them). */
export const REVIEW_FORMATS = ["markdown", "json", "sarif", "junit"] as const;
export type ReviewFormat = (typeof REVIEW_FORMATS)[number];
