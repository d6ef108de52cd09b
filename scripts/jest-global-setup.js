// Every test app (cdktf's Testing.app) writes to a fresh directory under os.tmpdir() and never
// removes it; point the run's temporary files at one directory, removed in teardown.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");

module.exports = async function setup() {
  // Not a name cdktf init's jest config would ignore (its testPathIgnorePatterns include the
  // unanchored ".js" and ".d.ts"): the consumer check runs a cdktf init project below it.
  let dir;
  do {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-aks-platform-jest-"));
  } while (/.js|.d.ts/.test(path.basename(dir)));
  process.env.CDKTF_AKS_PLATFORM_TEST_TMPDIR = dir;
  // Workers start after this and inherit the environment.
  process.env.TMPDIR = dir;
};
