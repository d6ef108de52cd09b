// A transpile-only TypeScript loader for `node -r ./scripts/ts-register.js file.ts`: each .ts file
// is compiled on require with typescript's transpileModule (no type-check; `npm test` runs tsc),
// and the output is cached on disk by content hash, so a warm run never loads the compiler.
// Written here rather than taken from a package because the fast ones ship native binaries per
// platform, and a registry that lacks one platform's binary makes `npm ci` refuse the lock file.
// Source maps are inlined but not applied: applying them to every stack trace cdktf captures
// makes synthesis about 40% slower. Run with `node --enable-source-maps` when debugging.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const CACHE_DIR = process.env.TS_REGISTER_CACHE_DIR || path.join(__dirname, "..", "node_modules", ".cache", "ts-register");
let ts;

function compile(source, fileName) {
  ts = ts || require("typescript");
  return ts.transpileModule(source, {
    fileName,
    reportDiagnostics: false,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      inlineSourceMap: true,
    },
  }).outputText;
}

function cacheKey(source, fileName) {
  const compiler = require("typescript/package.json").version;
  return crypto.createHash("sha256").update(`${compiler}\0${fileName}\0`).update(source).digest("hex");
}

/** The CommonJS JavaScript of a TypeScript source, from the cache when it is there. */
function transpile(source, fileName) {
  const cached = path.join(CACHE_DIR, `${cacheKey(source, fileName)}.js`);
  try {
    return fs.readFileSync(cached, "utf8");
  } catch {
    const output = compile(source, fileName);
    try {
      fs.mkdirSync(CACHE_DIR, { recursive: true });
      // Write then rename, so a parallel process never reads half a file.
      const partial = `${cached}.${process.pid}.tmp`;
      fs.writeFileSync(partial, output);
      fs.renameSync(partial, cached);
    } catch {
      // A read-only tree only loses the cache.
    }
    return output;
  }
}

require.extensions[".ts"] = function loadTypeScript(module, fileName) {
  module._compile(transpile(fs.readFileSync(fileName, "utf8"), fileName), fileName);
};

module.exports = { transpile };
