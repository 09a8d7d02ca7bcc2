// A listening emulator keeps answering other clients while it works through a large batch:
// the batch's requests are settled in slices with event-loop turns in between, and a request
// about another batch does not wait for the one being worked on. Before, one batch of large
// messages was one synchronous loop, and every other client stalled until it was done.
import { afterEach, describe, expect, it } from "vitest";
import {
  USER_SCHEMA as ANTHROPIC_SCHEMA,
  item,
  startAnthropicHarness,
} from "./anthropic/test-support/anthropic-harness.js";
import {
  USER_SCHEMA as GOOGLE_SCHEMA,
  inlined,
  startGoogleHarness,
} from "./google/test-support/google-harness.js";
import type { EmulatedRequest } from "./responder/types.js";
import {
  chatLine,
  STRICT_USER_SCHEMA,
  startOpenAIHarness,
  submit,
} from "./test-support/openai-harness.js";

// Enough work that the batch is still running when another client's answer comes back: a
// responder that spends 5 ms a request stands for a batch of megabyte messages.
const LARGE = 200;
const WORK_MS = 5;

/** A responder that counts the requests it has been asked and takes WORK_MS for each. */
function slowCounter() {
  const counter = {
    asked: 0,
    responder(request: EmulatedRequest) {
      if (request.customId.startsWith("large-")) {
        const until = performance.now() + WORK_MS;
        while (performance.now() < until) {
          // busy: synchronous work, as the default responder's over a long text is
        }
        counter.asked++;
      }
      return undefined;
    },
  };
  return counter;
}

/** Resolves once `ready()` holds, checking between event-loop turns. */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((resolve) => setTimeout(resolve, 1));
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe("while a large batch is processed", () => {
  it("OpenAI: another batch and the file list are answered", { timeout: 60_000 }, async () => {
    const counter = slowCounter();
    const h = await startOpenAIHarness({ responder: counter.responder });
    close = h.close;
    const small = await submit(h.client, [
      chatLine("small", "Ann Lee", { schema: STRICT_USER_SCHEMA }),
    ]);
    const lines = Array.from({ length: LARGE }, (_, i) =>
      chatLine(`large-${i}`, "John Doe is 25", { schema: STRICT_USER_SCHEMA }),
    );
    const creating = submit(h.client, lines);
    await until(() => counter.asked > 0);

    const other = await h.client.batches.retrieve(small.id);
    const files = await h.client.files.list();
    const askedWhenAnswered = counter.asked;

    expect(other.status).toBe("completed");
    expect(files.data.length).toBeGreaterThan(0);
    expect(askedWhenAnswered).toBeLessThan(LARGE);
    const large = await creating;
    expect(large.request_counts).toEqual({ total: LARGE, completed: LARGE, failed: 0 });
  });

  it("Anthropic: another batch is answered", { timeout: 60_000 }, async () => {
    const counter = slowCounter();
    const h = await startAnthropicHarness({ responder: counter.responder });
    close = h.close;
    const batches = h.client.messages.batches;
    const small = await batches.create({
      requests: [item("small", "Ann Lee", { tool: ANTHROPIC_SCHEMA })],
    });
    const requests = Array.from({ length: LARGE }, (_, i) =>
      item(`large-${i}`, "John Doe is 25", { tool: ANTHROPIC_SCHEMA }),
    );
    const creating = batches.create({ requests });
    await until(() => counter.asked > 0);

    const other = await batches.retrieve(small.id);
    const askedWhenAnswered = counter.asked;

    expect(other.processing_status).toBe("ended");
    expect(askedWhenAnswered).toBeLessThan(LARGE);
    const large = await batches.retrieve((await creating).id);
    expect(large.request_counts.succeeded).toBe(LARGE);
  });

  it("Gemini: another batch is answered", { timeout: 60_000 }, async () => {
    const counter = slowCounter();
    const h = await startGoogleHarness({ responder: counter.responder });
    close = h.close;
    const model = "gemini-2.5-flash";
    const small = await h.ai.batches.create({
      model,
      src: [inlined("small", "Ann Lee", { schema: GOOGLE_SCHEMA })],
    });
    const src = Array.from({ length: LARGE }, (_, i) =>
      inlined(`large-${i}`, "John Doe is 25", { schema: GOOGLE_SCHEMA }),
    );
    const creating = h.ai.batches.create({ model, src });
    await until(() => counter.asked > 0);

    const other = await h.ai.batches.get({ name: small.name! });
    const askedWhenAnswered = counter.asked;

    expect(other.state).toBe("JOB_STATE_SUCCEEDED");
    expect(askedWhenAnswered).toBeLessThan(LARGE);
    const large = await h.ai.batches.get({ name: (await creating).name! });
    expect(large.state).toBe("JOB_STATE_SUCCEEDED");
  });
});
