// Node runner (Node 20 and 22, through tsx): runs the shared scenario against the emulator URL
// given as the first argument and prints the report on one line.
import { REPORT_PREFIX, runScenario } from "./scenario.js";

const emulatorUrl = process.argv[2];
if (!emulatorUrl) throw new Error("usage: run-node.ts <emulator-url>");
const report = await runScenario({ emulatorUrl });
console.log(`${REPORT_PREFIX}${JSON.stringify({ runtime: `node ${process.version}`, ...report })}`);
