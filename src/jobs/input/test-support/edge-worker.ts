// A module worker that reads the rows of a posted body (JSONL or CSV, from the request's own
// byte stream) and renders a template for each: the edge runtime test bundles and runs it.
import { readRows } from "../read-rows.js";
import { rowToMessages } from "../row-to-messages.js";

export default {
  async fetch(request: Request): Promise<Response> {
    const format = new URL(request.url).searchParams.get("format") === "csv" ? "csv" : "jsonl";
    const toMessages = rowToMessages("Extract from: {{text}}", "JSON only.");
    const out: unknown[] = [];
    try {
      for await (const { id, row, line } of readRows(request.body!, { format, idColumn: "id" })) {
        out.push({ id, line, messages: toMessages(row, id) });
      }
    } catch (error) {
      const e = error as { name: string; code: string; message: string };
      return Response.json({ error: { name: e.name, code: e.code, message: e.message } });
    }
    return Response.json({ rows: out });
  },
};
