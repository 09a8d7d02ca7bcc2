import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import { describeStore } from "../jobs/stores/open-job-store.js";

/**
 * Server-sent events for one open page: `progress` with the job's counts whenever they change
 * (read every `intervalMs`), a comment every 15 s so proxies keep the stream open, and `gone`
 * when the job disappears. The browser's EventSource reconnects by itself after a drop.
 */
export function progressEvents(
  c: Context,
  read: () => Promise<unknown | undefined>,
  intervalMs: number,
) {
  return streamSSE(
    c,
    async (stream) => {
      let last = "";
      let quietSince = Date.now();
      while (!stream.aborted && !stream.closed) {
        const value = await read();
        if (value === undefined) {
          await stream.writeSSE({ event: "gone", data: "{}" });
          return;
        }
        const data = JSON.stringify(value);
        if (data !== last) {
          await stream.writeSSE({ event: "progress", data });
          last = data;
          quietSince = Date.now();
        } else if (Date.now() - quietSince > 15_000) {
          await stream.write(": still here\n\n");
          quietSince = Date.now();
        }
        await stream.sleep(intervalMs);
      }
    },
    async (error, stream) => {
      // The store went away (closed, a network drop): the page says so and reconnects later.
      await stream.writeSSE({
        event: "problem",
        data: JSON.stringify({ message: describeStore(error.message) }),
      });
    },
  );
}
