"use strict";
const fs = require("fs");

module.exports = async function teardown() {
  const dir = process.env.CDKTF_AKS_PLATFORM_TEST_TMPDIR;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
};
