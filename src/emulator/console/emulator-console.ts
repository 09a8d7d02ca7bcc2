import type { Emulator, ListenOptions } from "../types.js";
import { consoleIntercept, createConsoleApp } from "./console-app.js";
import { readConsoleAssets } from "./console-assets.js";

/**
 * The console the CLI serves beside the emulator (Node only: reads its files with node:fs),
 * as a `ListenOptions.intercept`: the page at `/`, the state as JSON at `/__emulator/state`.
 * Its requests take no fault rule and leave no request log line.
 *
 * @example
 * const emulator = createEmulator();
 * const server = await emulator.listen({ port: 8787, intercept: emulatorConsole(emulator) });
 * // open http://127.0.0.1:8787/
 */
export function emulatorConsole(
  emulator: Pick<Emulator, "inspect">,
): NonNullable<ListenOptions["intercept"]> {
  return consoleIntercept(createConsoleApp(() => emulator.inspect(), readConsoleAssets()));
}
