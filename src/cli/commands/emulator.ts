import { type Command, Option } from "commander";
import { createEmulator, formatRequestLogLine } from "../../emulator/index.js";
import {
  type EmulatorFlags,
  emulatorOptionsFromFlags,
  numberFlag,
  parseRates,
} from "../emulator-options-from-flags.js";
import { addExamples, addOutputOptions, type OutputFlags } from "../shared/common-options.js";
import { parsePort } from "../shared/flag-parsers.js";
import { printJson } from "../shared/output.js";

/** `--no-console` sets `console: false`; the console is on by default. */
type ConsoleFlag = { console?: boolean };

/** `structured-batch emulator`: serves until SIGINT/SIGTERM, one log line per request. */
export async function runEmulatorCommand(
  flags: EmulatorFlags & OutputFlags & ConsoleFlag,
): Promise<void> {
  const options = await emulatorOptionsFromFlags(
    flags,
    (line) => process.stderr.write(`${line}\n`),
    formatRequestLogLine,
  );
  const emulator = createEmulator(options);
  // Loaded only here: the console reads its page from disk, which the library never does.
  const intercept =
    flags.console === false
      ? undefined
      : (await import("../../emulator/console/emulator-console.js")).emulatorConsole(emulator);
  const server = await emulator.listen({ port: flags.port, host: flags.host, intercept });
  const consoleURL = intercept ? `${server.url}/` : undefined;
  // Listening for the stop signals before the URLs are printed: a caller may signal at once.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  if (flags.json) {
    printJson({
      url: server.url,
      openaiBaseURL: `${server.url}/v1`,
      anthropicBaseURL: server.url,
      geminiBaseURL: server.url,
      mistralBaseURL: `${server.url}/mistral`,
      bedrockEndpoint: `${server.url}/bedrock`,
      s3Endpoint: `${server.url}/s3`,
      azureEndpoint: `${server.url}/azure`,
      groqBaseURL: `${server.url}/groq/openai/v1`,
      vertexBaseURL: `${server.url}/vertex`,
      gcsBaseURL: `${server.url}/gcs`,
      // null with --no-console, so the field is always there to read.
      consoleURL: consoleURL ?? null,
    });
  } else {
    process.stdout.write(
      [
        `structured-batch emulator listening on ${server.url}`,
        ...(consoleURL ? [`  Console:   ${consoleURL} (batches, clock, fault rules)`] : []),
        `  OpenAI:    ${server.url}/v1`,
        `  Anthropic: ${server.url}`,
        `  Gemini:    ${server.url} (v1beta and v1)`,
        `  Mistral:   ${server.url}/mistral`,
        `  Azure:     ${server.url}/azure (endpoint; routes under /azure/openai)`,
        `  Groq:      ${server.url}/groq/openai/v1`,
        `  Bedrock:   ${server.url}/bedrock, its S3 at ${server.url}/s3 (path-style)`,
        `  Vertex AI: ${server.url}/vertex, its Cloud Storage at ${server.url}/gcs`,
        `  Together:  ${server.url}/together/v1`,
        "",
        `export OPENAI_BASE_URL=${server.url}/v1`,
        `export ANTHROPIC_BASE_URL=${server.url}`,
        `export GOOGLE_GEMINI_BASE_URL=${server.url}`,
        `export MISTRAL_BASE_URL=${server.url}/mistral`,
        "export OPENAI_API_KEY=emulator-key ANTHROPIC_API_KEY=emulator-key GEMINI_API_KEY=emulator-key MISTRAL_API_KEY=emulator-key",
        `export AZURE_OPENAI_ENDPOINT=${server.url}/azure GROQ_BASE_URL=${server.url}/groq/openai/v1`,
        "export AZURE_OPENAI_API_KEY=emulator-key GROQ_API_KEY=emulator-key",
        `export BEDROCK_BATCH_BASE_URL=${server.url} AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=AKIAEMULATOR AWS_SECRET_ACCESS_KEY=emulator-secret`,
        "export BEDROCK_BATCH_ROLE_ARN=arn:aws:iam::123456789012:role/Emulator BEDROCK_BATCH_S3_URI=s3://emulator-bucket/batches/ BEDROCK_BATCH_MIN_RECORDS_PER_JOB=1",
        `export GOOGLE_VERTEX_BASE_URL=${server.url}/vertex STORAGE_EMULATOR_HOST=${server.url}/gcs GOOGLE_OAUTH_ACCESS_TOKEN=emulator-token`,
        "export GOOGLE_CLOUD_PROJECT=emulator-project GOOGLE_CLOUD_LOCATION=us-central1 VERTEX_GCS_URI=gs://emulator-bucket/batches",
        `export TOGETHER_BASE_URL=${server.url}/together/v1 TOGETHER_API_KEY=emulator-key`,
        "",
      ].join("\n"),
    );
  }
  if (flags.host !== "127.0.0.1" && flags.host !== "localhost" && flags.host !== "::1") {
    process.stderr.write(
      `warning: bound to ${flags.host}, not loopback: other machines can reach this emulator\n`,
    );
  }
  await stopped;
  await server.close();
  if (!flags.json) process.stdout.write("emulator stopped\n");
}

export function registerEmulatorCommand(program: Command): void {
  const command = program
    .command("emulator")
    .description("Serve the batch API emulator (OpenAI, Anthropic, Gemini) over HTTP on loopback.")
    .option("-p, --port <port>", "port to listen on (0 picks a free one)", parsePort, 8787)
    .option("--host <host>", "address to bind (loopback unless told otherwise)", "127.0.0.1")
    .option("--latency <ms>", "delay every answer by this many ms", numberFlag(0, 600_000))
    .option("--fail-rate <rate>", "answer this fraction of requests with 503/529", numberFlag(0, 1))
    .option("--seed <n>", "seed for --fail-rate and --rates", numberFlag(0, 2 ** 31, true))
    .addOption(
      new Option("--responder <kind>", "how requests are answered")
        .choices(["default", "forward", "fixtures"])
        .default("default"),
    )
    .option(
      "--forward-url <url>",
      "OpenAI-compatible server for --responder forward (e.g. http://127.0.0.1:8080/v1)",
    )
    .option("--forward-model <name>", "model name sent to the forward server")
    .option(
      "--forward-concurrency <n>",
      "calls in flight to the forward server",
      numberFlag(1, 1024, true),
    )
    .option(
      "--fixtures <file>",
      "JSON object of outcomes keyed by custom id, for --responder fixtures",
    )
    .option(
      "--rates <pairs>",
      "outcome rates, e.g. refusal=0.1,error=0.05,truncated=0.02",
      parseRates,
    )
    .option("-q, --quiet", "no request log")
    .option(
      "--no-console",
      "do not serve the console page at / (and its state at /__emulator/state)",
    );
  addOutputOptions(command);
  addExamples(
    command,
    [
      "structured-batch emulator --port 8787",
      "structured-batch emulator --rates refusal=0.1,error=0.05 --seed 7",
      "structured-batch emulator --responder forward --forward-url http://127.0.0.1:8080/v1",
      "OPENAI_BASE_URL=http://127.0.0.1:8787/v1 OPENAI_API_KEY=test node my-pipeline.js",
    ],
    [
      "Each request is logged to stderr as one line (method, path, status, time, provider);",
      "never a header, a query string or a key. With --json the base URLs are printed as JSON.",
      "The console at / shows the batches per provider with their phases, the emulator clock",
      "and the fault rules in force, updated every second; it never shows a key.",
    ],
  ).action(async (flags: EmulatorFlags & OutputFlags & ConsoleFlag) => {
    await runEmulatorCommand(flags);
  });
}
