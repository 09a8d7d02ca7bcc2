import { createEmulator, formatRequestLogLine } from "../emulator/index.js";
import { type EmulatorFlags, emulatorOptionsFromFlags } from "./emulator-options-from-flags.js";

/** `structured-batch emulator`: serves until SIGINT/SIGTERM, one log line per request. */
export async function runEmulatorCommand(flags: EmulatorFlags): Promise<void> {
  const options = await emulatorOptionsFromFlags(
    flags,
    (line) => process.stderr.write(`${line}\n`),
    formatRequestLogLine,
  );
  const emulator = createEmulator(options);
  const server = await emulator.listen({ port: flags.port, host: flags.host });
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
  if (flags.host !== "127.0.0.1" && flags.host !== "localhost" && flags.host !== "::1") {
    process.stderr.write(
      `warning: bound to ${flags.host}, not loopback: other machines can reach this emulator\n`,
    );
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await server.close();
  process.stdout.write("emulator stopped\n");
}
