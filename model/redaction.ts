/**
 * The one redaction step every report passes before it is written: the values of environment
 * variables whose names mark them as secret never appear in any output, in whichever form a
 * report would carry them (as they are, JSON-escaped, XML-escaped, with line breaks turned
 * into spaces or escapes). CI masks secrets in its log only where it sees them whole and as
 * they are; a report written to a file or a pull-request comment has no such protection.
 */

/** Names of variables that hold secrets: a part such as TOKEN, PASSWORD, SECRET or KEY. */
const SECRET_NAME =
  /(^|_)(TOKEN|PASSWORD|PASSWD|PASS|PASSPHRASE|SECRET|SECRETS|KEY|APIKEY|PRIVATE|CREDENTIAL|CREDENTIALS|AUTH|COOKIE|SESSION)(_|$)/i;

/**
 * Values shorter than this are not redacted: a two-letter value would blank out that pair of
 * letters everywhere in a report, and is no secret worth the name.
 */
export const MIN_SECRET_LENGTH = 6;

export const REDACTED = "[redacted]";

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** The forms in which a report may carry a value. */
function forms(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  const xml = value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
  const found = [value, json, xml, value.replace(/\s+/g, " "), JSON.stringify(json).slice(1, -1)];
  // Each line of a multi-line secret is a secret too: a report may wrap or cut it at a break.
  for (const line of value.split(/\r?\n/)) found.push(line.trim());
  return found;
}

/** The secret values of an environment, longest first (so a longer one is not cut by a part). */
export function secretValues(env: Readonly<Record<string, string | undefined>>): string[] {
  const values = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || !isSecretName(name)) continue;
    for (const form of forms(value)) if (form.length >= MIN_SECRET_LENGTH) values.add(form);
  }
  return [...values].sort((a, b) => b.length - a.length);
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}
