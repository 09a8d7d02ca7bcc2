import type { Command } from "commander";
import { addExamples, addOutputOptions, type OutputFlags } from "../shared/common-options.js";
import { parsePort } from "../shared/flag-parsers.js";
import {
  addStoreOption,
  ensureStoreExists,
  type StoreFlags,
  storeLabel,
  storeTarget,
} from "../shared/job-store-flag.js";
import { printJson } from "../shared/output.js";
import { lockStoreDirectory } from "../shared/store-lock.js";

interface UiFlags extends StoreFlags, OutputFlags {
  port: number;
  host: string;
  allowActions?: boolean;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);
const isUrl = (s: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(s);

/** `structured-batch ui`: serves the job dashboard until SIGINT/SIGTERM. */
async function runUi(flags: UiFlags): Promise<void> {
  const target = storeTarget(flags);
  await ensureStoreExists(target);
  // An embedded store is one process's: while the page is served, other commands on it wait.
  const unlock = await lockStoreDirectory(target);
  try {
    const { serveDashboard } = await import("../../ui/serve-dashboard.js");
    const server = await serveDashboard({
      store: target,
      storeLabel: storeLabel(target),
      port: flags.port,
      host: flags.host,
      actions: flags.allowActions === true,
    });
    const stopped = new Promise<void>((resolve) => {
      process.once("SIGINT", () => resolve());
      process.once("SIGTERM", () => resolve());
    });
    const url = `${server.url}/`;
    if (flags.json) {
      printJson({ url, store: storeLabel(target), actions: flags.allowActions === true });
    } else {
      process.stdout.write(
        [
          `structured-batch dashboard on ${url}`,
          `  store:   ${storeLabel(target)}`,
          `  actions: ${flags.allowActions ? "cancel and retry allowed" : "read-only (--allow-actions to cancel or retry)"}`,
          "",
        ].join("\n"),
      );
    }
    if (!isUrl(target)) {
      process.stderr.write(
        "note: an embedded store is one process's at a time: commands on it wait until this stops. To watch a job while it runs, use a postgres:// store or `structured-batch run ... --ui`.\n",
      );
    }
    if (!LOOPBACK.has(flags.host)) {
      process.stderr.write(
        `warning: bound to ${flags.host}, not loopback: anyone who reaches it reads every job's data, with no login\n`,
      );
    }
    await stopped;
    await server.close();
  } finally {
    unlock();
  }
}

export function registerUiCommand(program: Command): void {
  const command = program
    .command("ui")
    .description(
      "Serve the job dashboard: progress over time, errors, cost, batches and results of the jobs in a store.",
    );
  addStoreOption(command)
    .option("-p, --port <port>", "port to listen on (0 picks a free one)", parsePort, 4400)
    .option("--host <host>", "address to bind (loopback unless told otherwise)", "127.0.0.1")
    .option("--allow-actions", "show Cancel and Retry buttons (read-only without it)");
  addOutputOptions(command);
  addExamples(
    command,
    [
      "structured-batch ui --store postgres://jobs@127.0.0.1/jobs",
      "structured-batch ui --store ./.structured-batch --port 4400",
      "structured-batch ui --store $DATABASE_URL --allow-actions",
    ],
    [
      "Open the printed URL in a browser. The page updates itself while jobs run (server-sent",
      "events). It never shows the store's password or an API key.",
    ],
  ).action(async (flags: UiFlags) => {
    await runUi(flags);
  });
}
