import { createEmulator } from "../emulator/index.js";
import type { ProviderId } from "../providers/types.js";
import { runDemo } from "./demo.js";
import { configuredKeyEnv, DEMO_PROVIDERS } from "./demo-providers.js";

const print = (line: string) => process.stdout.write(`${line}\n`);

/** `structured-batch demo`: the real API when a key is set, else the embedded emulator. */
export async function runDemoCommand(providerId: ProviderId): Promise<number> {
  const provider = DEMO_PROVIDERS[providerId];
  const keyEnv = configuredKeyEnv(provider);
  if (keyEnv) {
    print(
      `${keyEnv} is set: running the quick start on ${provider.model} (a real batch can take minutes to hours).`,
    );
    const { failed } = await runDemo({ print, model: provider.model });
    return failed === 0 ? 0 : 1;
  }
  const emulator = createEmulator();
  const server = await emulator.listen({ port: 0, host: "127.0.0.1" });
  try {
    const baseURL = provider.emulatorBaseURL(server.url);
    print(
      `${provider.keyEnv.join(" / ")} not set: running the quick start for ${provider.model} on the embedded emulator at ${baseURL}`,
    );
    print("");
    const { failed } = await runDemo({
      print,
      model: provider.model,
      apiKey: "emulator-key",
      baseURL,
      pollIntervalMs: 200,
    });
    return failed === 0 ? 0 : 1;
  } finally {
    await server.close();
  }
}
