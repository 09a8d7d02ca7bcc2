import { afterAll, beforeAll } from "vitest";
import { createEmulator, type Emulator, type EmulatorOptions } from "../../src/emulator/index.js";

/**
 * Starts an emulator on 127.0.0.1 (a free port) for the test file and closes it afterwards.
 * The returned object is filled in by `beforeAll`.
 */
export function useEmulatorServer(options: EmulatorOptions = {}) {
  const ctx = {} as { emulator: Emulator; url: string; baseURL: string };
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ctx.emulator = createEmulator({
      phases: { validatingMs: 0, inProgressMs: 0, finalizingMs: 0, cancellingMs: 0 },
      ...options,
    });
    const server = await ctx.emulator.listen({ port: 0, host: "127.0.0.1" });
    close = server.close;
    ctx.url = server.url;
    ctx.baseURL = `${server.url}/v1`;
  });
  afterAll(async () => {
    await close?.();
  });
  return ctx;
}
