// Bun runner: Bun runs the TypeScript sources as they are (it resolves `.js` imports to `.ts`).
import { REPORT_PREFIX, runScenario } from "./scenario.js";

const emulatorUrl = process.argv[2];
if (!emulatorUrl) throw new Error("usage: bun run-bun.ts <emulator-url>");
const report = await runScenario({ emulatorUrl });
const runtime = `bun ${process.versions.bun ?? "?"}`;
console.log(`${REPORT_PREFIX}${JSON.stringify({ runtime, ...report })}`);
