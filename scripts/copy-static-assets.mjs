// Copies every `static/` folder under src/ (the dashboard's and the emulator console's browser
// files: plain JavaScript and CSS served as they are) to the same place under dist/, since tsc
// only emits what it compiles. No bundling: what is in src/**/static is what the browser gets.
import { cpSync, readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const src = join(root, "src");
const out = resolve(root, process.argv[2] ?? "dist");

function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(dir, entry.name);
    if (entry.name === "static") {
      cpSync(path, join(out, relative(src, path)), { recursive: true });
    } else {
      walk(path);
    }
  }
}

walk(src);
