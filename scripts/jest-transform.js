// Jest transform for the tests: the same transpile-only compile as scripts/ts-register.js.
"use strict";
const crypto = require("crypto");
const { transpile } = require("./ts-register");

module.exports = {
  process(source, fileName) {
    return { code: transpile(source, fileName) };
  },
  getCacheKey(source, fileName) {
    return crypto.createHash("sha256").update(`${require("typescript/package.json").version}\0${fileName}\0`).update(source).digest("hex");
  },
};
