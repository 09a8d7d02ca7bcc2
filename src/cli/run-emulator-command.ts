import { createEmulator } from "../emulator/index.js";

/** `structured-batch emulator`: serves until SIGINT/SIGTERM. */
export async function runEmulatorCommand(options: { port: number; host: string }): Promise<void> {
  const emulator = createEmulator();
  const server = await emulator.listen({ port: options.port, host: options.host });
  process.stdout.write(
    `structured-batch emulator listening on ${server.url}\n` +
      `  OpenAI: ${server.url}/v1\n\n` +
      `export OPENAI_BASE_URL=${server.url}/v1\nexport OPENAI_API_KEY=emulator-key\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await server.close();
  process.stdout.write("emulator stopped\n");
}
