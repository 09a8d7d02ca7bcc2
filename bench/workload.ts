// The benchmark workload of issue 8: seed-like conversations, the User schema, OpenAI lines.
import { z } from "zod";

export const User = z.object({ name: z.string(), age: z.number().int(), email: z.string() });
export type User = z.infer<typeof User>;

const FIRST = ["John", "Jane", "Bob", "Alice", "Carlos", "Mei", "Olu", "Priya"];
const LAST = ["Doe", "Smith", "Wilson", "Garcia", "Chen", "Okafor", "Patel", "Novak"];

export function conversations(n: number) {
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i >> 3) % LAST.length]!;
    out[i] = [
      {
        role: "system" as const,
        content: "You are a helpful assistant that extracts user information.",
      },
      {
        role: "user" as const,
        content: `Extract: ${first} ${last} is ${20 + (i % 50)} years old and can be reached at ${first.toLowerCase()}.${last.toLowerCase()}${i}@example.com`,
      },
    ];
  }
  return out;
}

/** OpenAI output lines; 1% expired (error file shape), 1% schema-violating answers. */
export function outputLines(n: number): string[] {
  const lines = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const id = `request-${i}`;
    if (i % 100 === 37) {
      lines[i] = JSON.stringify({
        id: `batch_req_${i}`,
        custom_id: id,
        response: null,
        error: {
          code: "batch_expired",
          message: "This request could not be executed before the completion window expired.",
        },
      });
      continue;
    }
    const answer =
      i % 100 === 71
        ? { name: "X", age: "old", email: "x@y.z" }
        : { name: `User ${i}`, age: 20 + (i % 50), email: `user${i}@example.com` };
    lines[i] = JSON.stringify({
      id: `batch_req_${i}`,
      custom_id: id,
      response: {
        status_code: 200,
        request_id: `req_${i}`,
        body: {
          id: `chatcmpl-${i}`,
          object: "chat.completion",
          created: 1711652795,
          model: "gpt-4o-mini",
          choices: [
            {
              index: 0,
              message: { role: "assistant", content: JSON.stringify(answer), refusal: null },
              logprobs: null,
              finish_reason: "stop",
            },
          ],
          usage: { prompt_tokens: 60, completion_tokens: 20, total_tokens: 80 },
        },
      },
      error: null,
    });
  }
  return lines;
}
