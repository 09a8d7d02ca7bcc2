import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../fixtures/", import.meta.url));

/** A provider fixture (copied as is from the providers' docs, specs and SDK tests). */
export function fixtureText(path: string): string {
  return readFileSync(root + path, "utf8");
}

export function fixtureJson<T = any>(path: string): T {
  return JSON.parse(fixtureText(path)) as T;
}
