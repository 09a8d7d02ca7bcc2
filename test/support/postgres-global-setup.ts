// Vitest global setup: when SB_TEST_POSTGRES_URL is not set, starts a throwaway PostgreSQL server
// (scripts/postgres-test-server.sh, as `.ci/run` does) for the whole run and stops it at teardown.
// Its URL reaches the test files through provide/inject (see ./postgres.ts); when no server can be
// started, the reason does instead, and the Postgres tests skip locally or fail in CI.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { POSTGRES_URL_ENV } from "./postgres-url.js";

const script = fileURLToPath(new URL("../../scripts/postgres-test-server.sh", import.meta.url));

function runScript(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("bash", [script, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) {
        // The script prints no secret; its stderr says what is missing (initdb, a user, a port).
        const detail = stderr.trim() || error.message;
        reject(
          new Error(`scripts/postgres-test-server.sh ${args[0]}: ${detail}`, { cause: error }),
        );
      } else {
        resolve(stdout.trim());
      }
    });
  });
}

export default async function setup(project: TestProject) {
  if (process.env[POSTGRES_URL_ENV]) return;
  let dir: string;
  try {
    const started = performance.now();
    // --watch-pid: the server goes away even if this process is killed before teardown.
    dir = await runScript(["start", "--watch-pid", String(process.pid)]);
    const url = (await readFile(join(dir, "url"), "utf8")).trim();
    project.provide("sbTestPostgresUrl", url);
    if (process.env.SB_TEST_POSTGRES_VERBOSE) {
      console.info(
        `PostgreSQL test server started in ${Math.round(performance.now() - started)} ms`,
      );
    }
  } catch (error) {
    project.provide(
      "sbTestPostgresUnavailable",
      `${POSTGRES_URL_ENV} is not set and no local server could be started: ${(error as Error).message}`,
    );
    return;
  }
  return async () => {
    await runScript(["stop", dir]);
  };
}
