import { strict as assert } from "node:assert";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { locatePulumi } from "../../deploy/locate-pulumi";

describe("locating the Pulumi CLI", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "govcloud-locate-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function file(path: string, mode = 0o755): string {
    const full = join(dir, path);
    mkdirSync(join(full, ".."), { recursive: true });
    writeFileSync(full, "#!/bin/sh\n");
    chmodSync(full, mode);
    return full;
  }
  const lookup = (env: NodeJS.ProcessEnv, explicit?: string) =>
    locatePulumi({
      env,
      home: join(dir, "home"),
      platform: "linux",
      ...(explicit === undefined ? {} : { explicit }),
    });

  it("takes the first pulumi on PATH that can be run", () => {
    file("a/pulumi", 0o644);
    const wanted = file("b/pulumi");
    file("c/pulumi");
    const path = ["a", "b", "c"].map((d) => join(dir, d)).join(delimiter);
    assert.deepEqual(lookup({ PATH: path }), { found: true, command: wanted });
  });

  it("falls back to $PULUMI_HOME/bin, then ~/.pulumi/bin", () => {
    const inHome = file("home/.pulumi/bin/pulumi");
    assert.deepEqual(lookup({ PATH: join(dir, "empty") }), { found: true, command: inHome });
    const custom = file("custom/bin/pulumi");
    assert.deepEqual(lookup({ PATH: "", PULUMI_HOME: join(dir, "custom") }), {
      found: true,
      command: custom,
    });
  });

  it("says where it looked when there is none", () => {
    assert.deepEqual(lookup({ PATH: join(dir, "empty") }), {
      found: false,
      lookedIn: ["PATH", join(dir, "home", ".pulumi", "bin")],
    });
  });

  it("takes --pulumi as the executable, a folder holding it, or an install root", () => {
    const executable = file("tools/pulumi");
    const installed = file("install/bin/pulumi");
    assert.deepEqual(lookup({}, executable), { found: true, command: executable });
    assert.deepEqual(lookup({}, join(dir, "tools")), { found: true, command: executable });
    assert.deepEqual(lookup({}, join(dir, "install")), { found: true, command: installed });
    // An explicit path is not second-guessed with PATH.
    assert.deepEqual(lookup({ PATH: join(dir, "tools") }, join(dir, "nothing")), {
      found: false,
      lookedIn: [join(dir, "nothing")],
      explicit: join(dir, "nothing"),
    });
  });

  it("finds pulumi.exe on Windows, where PATHEXT decides what runs", () => {
    const exe = file("win/pulumi.exe", 0o644);
    assert.deepEqual(
      locatePulumi({
        env: { Path: join(dir, "win"), PATHEXT: ".COM;.EXE" },
        home: join(dir, "home"),
        platform: "win32",
      }),
      { found: true, command: exe },
    );
  });
});
