// `npm run build`, last step: the committed provider bindings (providers/<provider>/**/*.js and
// *.d.ts, already compiled) into dist/providers/, where the compiled library's imports
// (`../providers/azurerm/subnet`) and the package's `./providers/*` export find them.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..", "providers");
const target = path.join(__dirname, "..", "dist", "providers");
let copied = 0;
function copy(from, to) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const dest = path.join(to, entry.name);
    if (entry.isDirectory()) copy(source, dest);
    else if (/\.(js|d\.ts)$/.test(entry.name)) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(source, dest);
      copied++;
    }
  }
}
for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
  if (entry.isDirectory()) copy(path.join(root, entry.name), path.join(target, entry.name));
}
if (copied === 0) throw new Error(`no bindings under ${root}: run npm run providers`);
console.log(`copied ${copied} binding files to dist/providers`);
