import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small OpenAI-compatible chat-completions server, as llama.cpp or vLLM would be: it answers
 * from the last user message, deterministically, and counts the calls in flight. Markers in the
 * text pick the answer: `[500]` an HTTP 500, `[length]` a cut answer, `[refuse]` a refusal,
 * `[slow]` an answer after a second.
 */
export interface ChatServer {
  baseURL: string;
  calls: { body: any; authorization: string | undefined }[];
  maxInFlight: number;
  reset(): void;
  close(): Promise<void>;
}

/** The answer for a schema: every property filled from the user's text. */
export function answerFor(schema: any, text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, sub] of Object.entries<any>(schema?.properties ?? {})) {
    if (sub.type === "string") out[name] = `${name} of ${text}`;
    else if (sub.type === "integer" || sub.type === "number") out[name] = text.length;
    else out[name] = null;
  }
  return out;
}

function reply(body: any, text: string): [number, unknown] {
  if (text.includes("[500]")) {
    return [500, { error: { message: "model crashed", type: "server_error" } }];
  }
  const choice = (message: unknown, finish_reason = "stop") => ({
    id: "chatcmpl-test",
    object: "chat.completion",
    choices: [{ index: 0, message: { role: "assistant", ...(message as object) }, finish_reason }],
    usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 },
  });
  if (text.includes("[length]")) return [200, choice({ content: '{"name": "Cu' }, "length")];
  if (text.includes("[refuse]")) return [200, choice({ content: null, refusal: "I won't." })];
  const schema = body.response_format?.json_schema?.schema;
  const content = schema ? JSON.stringify(answerFor(schema, text)) : `echo: ${text}`;
  return [200, choice({ content })];
}

export async function startChatServer(delayMs = 25): Promise<ChatServer> {
  let inFlight = 0;
  const state: ChatServer = {
    baseURL: "",
    calls: [],
    maxInFlight: 0,
    reset() {
      state.calls = [];
      state.maxInFlight = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer(async (req, res) => {
    if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
      return;
    }
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      state.calls.push({ body, authorization: req.headers.authorization });
      const text = [...body.messages].reverse().find((m: any) => m.role === "user")?.content ?? "";
      await new Promise((r) => setTimeout(r, text.includes("[slow]") ? 1000 : delayMs));
      const [status, payload] = reply(body, text);
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));
    } finally {
      inFlight--;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return state;
}
