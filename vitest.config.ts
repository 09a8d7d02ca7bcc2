import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Examples import the package by its name, as users do; tests run them against the source.
const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^structured-batch\/emulator$/, replacement: src("emulator/index.ts") },
      { find: /^structured-batch\/jobs$/, replacement: src("jobs/index.ts") },
      { find: /^structured-batch\/ui$/, replacement: src("ui/index.ts") },
      { find: /^structured-batch$/, replacement: src("index.ts") },
    ],
  },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "examples/**/*.test.ts"],
    reporters: ["default", "./test/support/plain-summary-reporter.ts"],
    // A throwaway PostgreSQL server for the run, unless SB_TEST_POSTGRES_URL names one.
    globalSetup: ["./test/support/postgres-global-setup.ts"],
    typecheck: {
      enabled: true,
      include: ["src/**/*.test-d.ts", "test/**/*.test-d.ts"],
      tsconfig: "./tsconfig.json",
    },
    // Vitest's default is one worker per core less one: a single worker on a 2-core machine, and
    // most test files here wait on child processes, HTTP and databases rather than on a core.
    // Two, not more: the complexity checks (test/support/linear-growth.ts) time real work, and
    // with three workers on two cores their runs were disturbed often enough to fail one.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
