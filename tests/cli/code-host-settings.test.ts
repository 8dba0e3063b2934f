/**
 * The code host's API settings from the CI environment, as `approvals` and `drift-issues` read
 * them: defaults, every missing variable at once, unusable addresses, the loopback guard.
 */
import { strict as assert } from "node:assert";
import { codeHostFromEnvironment } from "../../cli/code-host-settings";
import { hostSettings as approvalsHostSettings } from "../../cli/approvals-command";
import { hostSettings as driftHostSettings } from "../../cli/drift-issues-command";
import { UsageError } from "../../cli/usage-error";

const GITHUB = { GITHUB_REPOSITORY: "city/estate", GITHUB_TOKEN: "gh-secret" };
const GITLAB = {
  CI_API_V4_URL: "http://127.0.0.1:8929/api/v4",
  CI_PROJECT_ID: "42",
  GOVCLOUD_DRIFT_TOKEN: "gl-secret",
};

describe("code host settings from the CI environment", () => {
  it("takes GitHub's public API when GITHUB_API_URL is unset or empty", () => {
    for (const env of [GITHUB, { ...GITHUB, GITHUB_API_URL: "" }]) {
      assert.deepEqual(codeHostFromEnvironment("github", env, ["GITHUB_TOKEN"]), {
        settings: {
          host: "github",
          apiUrl: "https://api.github.com",
          project: "city/estate",
          token: "gh-secret",
        },
        missing: [],
        invalid: [],
      });
    }
  });

  it("takes the token from the first of its variables that is set and not empty", () => {
    const variables = ["GOVCLOUD_APPROVALS_TOKEN", "GITHUB_TOKEN"];
    const own = { ...GITHUB, GOVCLOUD_APPROVALS_TOKEN: "own" };
    assert.equal(codeHostFromEnvironment("github", own, variables).settings?.token, "own");
    const emptySecret = { ...GITHUB, GOVCLOUD_APPROVALS_TOKEN: "" };
    assert.equal(
      codeHostFromEnvironment("github", emptySecret, variables).settings?.token,
      "gh-secret",
    );
  });

  it("names every missing variable at once, a token's alternatives together", () => {
    assert.deepEqual(codeHostFromEnvironment("gitlab", { CI_PROJECT_ID: "" }, ["A", "B"]), {
      missing: ["CI_API_V4_URL", "CI_PROJECT_ID", "A or B"],
      invalid: [],
    });
    assert.deepEqual(codeHostFromEnvironment("github", {}, ["GITHUB_TOKEN"]).missing, [
      "GITHUB_REPOSITORY",
      "GITHUB_TOKEN",
    ]);
  });

  it("refuses an API address that is not http or https, with the missing variables", () => {
    const found = codeHostFromEnvironment(
      "gitlab",
      { CI_API_V4_URL: "file:///etc/passwd", CI_PROJECT_ID: "42" },
      ["GOVCLOUD_DRIFT_TOKEN"],
    );
    assert.equal(found.settings, undefined);
    assert.deepEqual(found.missing, ["GOVCLOUD_DRIFT_TOKEN"]);
    assert.deepEqual(found.invalid, [
      'CI_API_V4_URL is "file:///etc/passwd", not an http:// or https:// address',
    ]);
    assert.match(
      codeHostFromEnvironment("gitlab", { ...GITLAB, CI_API_V4_URL: "gitlab" }, [
        "GOVCLOUD_DRIFT_TOKEN",
      ]).invalid[0],
      /^CI_API_V4_URL is "gitlab", not an http/,
    );
  });

  it("under the loopback guard, accepts only an API on this machine", () => {
    const guarded = { GOVCLOUD_LOOPBACK_ONLY: "1" };
    for (const apiUrl of ["http://127.0.0.1:8929/api/v4", "http://[::1]:80", "http://localhost"]) {
      const env = { ...GITLAB, ...guarded, CI_API_V4_URL: apiUrl };
      assert.equal(
        codeHostFromEnvironment("gitlab", env, ["GOVCLOUD_DRIFT_TOKEN"]).settings?.apiUrl,
        apiUrl,
      );
    }
    assert.deepEqual(
      codeHostFromEnvironment("github", { ...GITHUB, ...guarded }, ["GITHUB_TOKEN"]).invalid,
      ["GOVCLOUD_LOOPBACK_ONLY=1 and the API at https://api.github.com is not on this machine"],
    );
    const privateRange = { ...GITLAB, ...guarded, CI_API_V4_URL: "http://10.16.0.5/api/v4" };
    assert.equal(
      codeHostFromEnvironment("gitlab", privateRange, ["GOVCLOUD_DRIFT_TOKEN"]).settings,
      undefined,
    );
  });

  it("names a foreign API by its origin alone, without a user or password in its address", () => {
    const env = {
      ...GITHUB,
      GITHUB_API_URL: "https://robot:pa55word@github.example.org/api/v3",
      GOVCLOUD_LOOPBACK_ONLY: "1",
    };
    assert.deepEqual(codeHostFromEnvironment("github", env, ["GITHUB_TOKEN"]).invalid, [
      "GOVCLOUD_LOOPBACK_ONLY=1 and the API at https://github.example.org is not on this machine",
    ]);
  });

  it("never puts the token in what it says is wrong", () => {
    const env = { ...GITHUB, GITHUB_API_URL: "ftp://example.invalid", GOVCLOUD_LOOPBACK_ONLY: "1" };
    const found = codeHostFromEnvironment("github", env, ["GITHUB_TOKEN"]);
    assert.equal(found.invalid.length, 1);
    assert.ok(!found.invalid.join("\n").includes("gh-secret"));
  });
});

describe("the commands that call the code host read the same settings", () => {
  const refusal = (run: () => unknown): string => {
    try {
      run();
    } catch (error) {
      assert.ok(error instanceof UsageError, String(error));
      return error.message;
    }
    assert.fail("no usage error");
  };

  it("approvals: an empty GITHUB_API_URL is GitHub's public API, as in drift-issues", () => {
    const env = { ...GITHUB, GITHUB_API_URL: "" };
    assert.equal(
      approvalsHostSettings({ host: "github", number: "7" }, env).settings.apiUrl,
      "https://api.github.com",
    );
    assert.equal(driftHostSettings("github", env).apiUrl, "https://api.github.com");
  });

  it("approvals: names what is missing and what is wrong in one message", () => {
    assert.equal(
      refusal(() =>
        approvalsHostSettings(
          { host: "github", number: "seven" },
          { GITHUB_API_URL: "api.github.com", GITHUB_TOKEN: "gh-secret" },
        ),
      ),
      'github: missing GITHUB_REPOSITORY; github: GITHUB_API_URL is "api.github.com", not an ' +
        'http:// or https:// address; the pull or merge request number must be a whole number, got "seven"',
    );
  });

  it("approvals: the loopback guard refuses a foreign API as drift-issues does", () => {
    const env = { ...GITHUB, GOVCLOUD_LOOPBACK_ONLY: "1" };
    assert.match(
      refusal(() => approvalsHostSettings({ host: "github", number: "7" }, env)),
      /api\.github\.com is not on this machine/,
    );
    assert.match(
      refusal(() => driftHostSettings("github", env)),
      /api\.github\.com is not on this machine/,
    );
  });

  it("drift-issues: names every missing variable at once", () => {
    assert.equal(
      refusal(() => driftHostSettings("github", {})),
      "GITHUB_REPOSITORY, GITHUB_TOKEN are not set: drift-issues --provider github takes the " +
        "API address, the project and the token from the CI environment (docs/drift.md)",
    );
  });
});
