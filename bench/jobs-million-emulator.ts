// The emulator for bench/jobs-million.bench.ts, in a process of its own so that its memory (it
// keeps every batch) is not counted in the stepping process. Every batch ends at once.
// Prints its URL on the first line of stdout and runs until killed.
import { createEmulator } from "../src/emulator/index.js";
import { INSTANT } from "./jobs-harness.js";

const server = await createEmulator({ phases: INSTANT }).listen({ port: 0 });
console.log(server.url);
