import { createEmulator } from "../emulator/index.js";

/** `structured-batch emulator`: serves until SIGINT/SIGTERM. */
export async function runEmulatorCommand(options: { port: number; host: string }): Promise<void> {
  const emulator = createEmulator();
  const server = await emulator.listen({ port: options.port, host: options.host });
  process.stdout.write(
    [
      `structured-batch emulator listening on ${server.url}`,
      `  OpenAI:    ${server.url}/v1`,
      `  Anthropic: ${server.url}`,
      `  Gemini:    ${server.url} (v1beta and v1)`,
      "",
      `export OPENAI_BASE_URL=${server.url}/v1`,
      `export ANTHROPIC_BASE_URL=${server.url}`,
      `export GOOGLE_GEMINI_BASE_URL=${server.url}`,
      "export OPENAI_API_KEY=emulator-key ANTHROPIC_API_KEY=emulator-key GEMINI_API_KEY=emulator-key",
      "",
    ].join("\n"),
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await server.close();
  process.stdout.write("emulator stopped\n");
}
