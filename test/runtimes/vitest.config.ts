// `npm run test:runtimes`: the scenario in workerd, Bun, Deno, Node 20 and Node 22. Kept out of
// `npm test` (whose include pattern is *.test.ts) because it starts other runtimes.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: new URL("../..", import.meta.url).pathname,
    include: ["test/runtimes/**/*.spec.ts"],
    reporters: ["default", "./test/support/plain-summary-reporter.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
