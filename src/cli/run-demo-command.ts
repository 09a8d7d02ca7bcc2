import { createEmulator } from "../emulator/index.js";
import { readEnv } from "../util/env.js";
import { runDemo } from "./demo.js";

const print = (line: string) => process.stdout.write(`${line}\n`);

/** `structured-batch demo`: the real API when a key is set, else the embedded emulator. */
export async function runDemoCommand(): Promise<number> {
  if (readEnv("OPENAI_API_KEY")) {
    print(
      "OPENAI_API_KEY is set: running the quick start on the OpenAI Batch API (this can take minutes to hours).",
    );
    const { failed } = await runDemo({ print });
    return failed === 0 ? 0 : 1;
  }
  const emulator = createEmulator();
  const server = await emulator.listen({ port: 0, host: "127.0.0.1" });
  try {
    print(
      `OPENAI_API_KEY is not set: running the quick start on the embedded emulator at ${server.url}/v1`,
    );
    print("");
    const { failed } = await runDemo({
      print,
      apiKey: "emulator-key",
      baseURL: `${server.url}/v1`,
      pollIntervalMs: 200,
    });
    return failed === 0 ? 0 : 1;
  } finally {
    await server.close();
  }
}
