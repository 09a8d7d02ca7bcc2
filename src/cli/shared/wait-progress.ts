import cliProgress from "cli-progress";
import type { WaitProgress } from "../../processor/wait-for-batch.js";
import { formatCounts, formatElapsed } from "./output.js";

/** What the view shows: a batch's wait progress, or a job's rows (see job-output.ts). */
export type ProgressSnapshot = Pick<
  WaitProgress,
  "status" | "rawStatus" | "requestCounts" | "elapsedMs"
>;

/** Shows how a wait goes: a live bar on a terminal, one plain line per change elsewhere. */
export interface ProgressView {
  update(progress: ProgressSnapshot): void;
  /** Leaves the bar's last state on screen and gives the line back. */
  stop(): void;
}

/** Chooses the view: nothing with `--quiet`, a bar when stderr is a terminal, else plain lines. */
export function createProgressView(options: {
  stream: NodeJS.WriteStream;
  quiet: boolean;
}): ProgressView {
  if (options.quiet) return { update() {}, stop() {} };
  return options.stream.isTTY ? barView(options.stream) : plainView(options.stream);
}

function plainView(stream: NodeJS.WritableStream): ProgressView {
  let last = "";
  return {
    update(p) {
      const state = JSON.stringify([p.status, p.rawStatus, p.requestCounts]);
      if (state === last) return;
      last = state;
      stream.write(
        `${formatElapsed(p.elapsedMs)} ${p.status} (${p.rawStatus}): ${formatCounts(p)}\n`,
      );
    },
    stop() {},
  };
}

function barView(stream: NodeJS.WriteStream): ProgressView {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format:
        "{bar} {done}/{requests} requests | {failed} failed | {status} ({raw}) | {duration_formatted}",
      barsize: 30,
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      fps: 5,
      // The bar is only built on a terminal: no output at all is wanted elsewhere.
      noTTYOutput: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      const c = p.requestCounts;
      const done = c.succeeded + c.failed;
      const payload = {
        done,
        requests: c.total,
        failed: c.failed,
        status: p.status,
        raw: p.rawStatus,
      };
      if (!started) {
        started = true;
        bar.start(Math.max(c.total, 1), done, payload);
        return;
      }
      bar.setTotal(Math.max(c.total, 1));
      bar.update(done, payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
