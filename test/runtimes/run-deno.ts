// Deno runner: `deno run --sloppy-imports` (the sources import `.js` names of `.ts` files) with
// network access to 127.0.0.1 only; npm packages come from node_modules.
import { REPORT_PREFIX, runScenario, type ScenarioProvider } from "./scenario.js";

// Deno's own global, declared here so that the project's tsc (Node types) checks this file too.
declare const Deno: { args: string[]; version: { deno: string } };

const emulatorUrl = Deno.args[0];
if (!emulatorUrl) throw new Error("usage: deno run run-deno.ts <emulator-url> [providers]");
const only = Deno.args[1];
const report = await runScenario({
  emulatorUrl,
  ...(only && { providers: only.split(",") as ScenarioProvider[] }),
});
console.log(
  `${REPORT_PREFIX}${JSON.stringify({ runtime: `deno ${Deno.version.deno}`, ...report })}`,
);
