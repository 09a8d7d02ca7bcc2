// Prints the model catalog as the README's markdown table (see src/models/model-table.ts);
// with --write, replaces the table in README.md (run `npx biome format --write README.md` after).
import { readFileSync, writeFileSync } from "node:fs";
import { modelTableMarkdown } from "../src/models/model-table.js";

const table = modelTableMarkdown();
if (process.argv.includes("--write")) {
  const path = new URL("../README.md", import.meta.url);
  const readme = readFileSync(path, "utf8");
  const start = readme.search(/^\| provider +\| family +\|/m);
  if (start === -1) throw new Error("README.md has no model table to replace");
  const end = readme.indexOf("\n\n", start);
  writeFileSync(path, readme.slice(0, start) + table + readme.slice(end));
} else {
  console.log(table);
}
