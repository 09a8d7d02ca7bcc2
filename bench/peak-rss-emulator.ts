// The emulator for bench/peak-rss.bench.ts, in a process of its own so that its memory is not
// counted in the measured one. Batches stay "validating", so it stores them and does no more.
// Prints its URL on the first line of stdout and runs until killed.
import { createEmulator } from "../src/emulator/index.js";

const emulator = createEmulator({
  phases: { validatingMs: 3_600_000, inProgressMs: 0, finalizingMs: 0, cancellingMs: 0 },
});
const server = await emulator.listen({ port: 0 });
console.log(server.url);
