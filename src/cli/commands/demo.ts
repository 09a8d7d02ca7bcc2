import { type Command, Option } from "commander";
import { createEmulator } from "../../emulator/index.js";
import type { ProviderId } from "../../providers/types.js";
import { runDemo } from "../demo.js";
import { configuredKeyEnv, DEMO_PROVIDERS } from "../demo-providers.js";
import { addExamples, addOutputOptions, type OutputFlags } from "../shared/common-options.js";
import { EXIT } from "../shared/exit-codes.js";
import { printJson } from "../shared/output.js";

interface DemoFlags extends OutputFlags {
  provider: ProviderId;
}

/** `structured-batch demo`: the real API when a key is set, else the embedded emulator. */
export async function runDemoCommand(flags: DemoFlags): Promise<number> {
  const provider = DEMO_PROVIDERS[flags.provider];
  // With --json the narration goes to stderr and stdout holds one JSON document.
  const stream = flags.json ? process.stderr : process.stdout;
  const print = (line: string) => stream.write(`${line}\n`);
  const keyEnv = configuredKeyEnv(provider);
  let outcome: { succeeded: number; failed: number };
  if (keyEnv) {
    print(
      `${keyEnv} is set: running the quick start on ${provider.model} (a real batch can take minutes to hours).`,
    );
    outcome = await runDemo({
      print,
      model: provider.model,
      ...(provider.realOptions && { processorOptions: provider.realOptions() }),
    });
  } else {
    const emulator = createEmulator();
    const server = await emulator.listen({ port: 0, host: "127.0.0.1" });
    try {
      print(
        `${provider.keyEnv.join(" / ")} not set: running the quick start for ${provider.model} on the embedded emulator at ${server.url}`,
      );
      print("");
      outcome = await runDemo({
        print,
        model: provider.model,
        processorOptions: provider.emulatorOptions(server.url),
        pollIntervalMs: 200,
      });
    } finally {
      await server.close();
    }
  }
  if (flags.json) printJson({ model: provider.model, emulator: !keyEnv, ...outcome });
  return outcome.failed === 0 ? EXIT.ok : EXIT.failed;
}

export function registerDemoCommand(program: Command): void {
  const command = program
    .command("demo")
    .description(
      "Run the quick start: on the provider's API when its key is set, else on the embedded emulator.",
    )
    .addOption(
      new Option("--provider <provider>", "which provider's batch API to use")
        .choices(Object.keys(DEMO_PROVIDERS))
        .default("openai"),
    );
  addOutputOptions(command);
  addExamples(command, [
    "structured-batch demo",
    "structured-batch demo --provider anthropic",
    "OPENAI_API_KEY=sk-... structured-batch demo",
  ]).action(async (flags: DemoFlags) => {
    process.exitCode = await runDemoCommand(flags);
  });
}
