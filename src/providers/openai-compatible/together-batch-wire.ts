import type { OpenAIClientLike } from "../openai/load-openai-client.js";
import type { OpenAIBatchObject } from "../openai/map-openai-batch-status.js";
import type { BatchWire } from "../openai/openai-wire-service.js";

/**
 * Together's batch object (docs.together.ai/reference/batch-get): upper-case `status`
 * (VALIDATING, IN_PROGRESS, COMPLETED, FAILED, EXPIRED, CANCELLED), ISO dates, `job_deadline`,
 * a `progress` percentage instead of request counts, one `error` string.
 */
export interface TogetherBatchObject {
  id: string;
  status: string;
  input_file_id?: string | null;
  output_file_id?: string | null;
  error_file_id?: string | null;
  created_at?: string | null;
  completed_at?: string | null;
  job_deadline?: string | null;
  progress?: number | null;
  error?: string | null;
  endpoint?: string | null;
}

const TERMINAL = new Set(["COMPLETED", "FAILED", "EXPIRED", "CANCELLED"]);

function seconds(iso: string | null | undefined): number | null {
  if (typeof iso !== "string") return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

/** Together's batch object in OpenAI's shape (counts are filled in by the wire, see below). */
export function fromTogetherBatch(
  batch: TogetherBatchObject,
  counts?: OpenAIBatchObject["request_counts"],
): OpenAIBatchObject {
  const status = String(batch.status ?? "").toLowerCase();
  const ended = seconds(batch.completed_at);
  return {
    id: batch.id,
    status,
    created_at: seconds(batch.created_at),
    expires_at: seconds(batch.job_deadline),
    completed_at: status === "completed" ? ended : null,
    failed_at: status === "failed" ? ended : null,
    expired_at: status === "expired" ? ended : null,
    cancelled_at: status === "cancelled" ? ended : null,
    input_file_id: batch.input_file_id ?? null,
    output_file_id: batch.output_file_id || null,
    error_file_id: batch.error_file_id || null,
    request_counts: counts ?? null,
    errors: batch.error ? { data: [{ code: "batch_failed", message: batch.error }] } : null,
    // Raw fields kept for `raw` users (progress, model_id, ...).
    ...({ together: batch } as object),
  };
}

/** Lines of a file, counted from the stream (a last line without `\n` counts too). */
async function countLines(response: Response): Promise<number> {
  if (!response.body) return 0;
  let lines = 0;
  let last = 10;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (const byte of value) if (byte === 10) lines++;
    if (value.byteLength > 0) last = value[value.byteLength - 1] as number;
  }
  return last === 10 ? lines : lines + 1;
}

/**
 * Together's batch calls through the `openai` client's raw `get`/`post` (its auth, base URL,
 * retries and `fetch`). Together reports a `progress` percentage only, so counts come from
 * the files: while running, the total is the input file's `LineCount`
 * (docs.together.ai/reference/upload-file) and the done share `progress`% of it; once
 * finished, failures are the error file's lines and the rest of the total succeeded ("one
 * response line for every successful request ... failed requests ... in a separate error
 * file", docs.together.ai/docs/batch-inference), counted once per batch and kept. Counting
 * the output file instead would let a damaged download change the counts.
 */
export function togetherBatchWire(): BatchWire {
  const finalCounts = new Map<string, NonNullable<OpenAIBatchObject["request_counts"]>>();
  const totals = new Map<string, number>();

  const get = async (client: OpenAIClientLike, path: string): Promise<unknown> => {
    if (client.get === undefined) throw new TypeError("the Together client needs `get`");
    return client.get.call(client, path);
  };

  /** A file's line count, or undefined when the file is gone. */
  async function fileLines(client: OpenAIClientLike, fileId: string): Promise<number | undefined> {
    try {
      return await countLines(await client.files.content(fileId));
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined;
      throw error;
    }
  }

  async function inputTotal(client: OpenAIClientLike, fileId: string): Promise<number> {
    const known = totals.get(fileId);
    if (known !== undefined) return known;
    // A deleted input file (deleteBatch) leaves the total unknown, not the batch unreadable.
    const file = (await get(client, `/files/${encodeURIComponent(fileId)}`).catch((error) => {
      if ((error as { status?: number }).status === 404) return {};
      throw error;
    })) as { LineCount?: number };
    const total = typeof file.LineCount === "number" ? file.LineCount : 0;
    totals.set(fileId, total);
    return total;
  }

  async function withCounts(
    client: OpenAIClientLike,
    raw: TogetherBatchObject,
  ): Promise<OpenAIBatchObject> {
    // Together's terminal statuses (docs.together.ai/docs/inference/batch/manage); kept here
    // rather than imported so this lazily loaded module shares no chunk with the core.
    const terminal = TERMINAL.has(String(raw.status ?? "").toUpperCase());
    if (terminal) {
      let counts = finalCounts.get(raw.id);
      if (counts === undefined) {
        // Failures are the error file's lines; every other request of the input succeeded (at a
        // terminal status every request is accounted for, as on OpenAI).
        const failed = raw.error_file_id ? ((await fileLines(client, raw.error_file_id)) ?? 0) : 0;
        let total = raw.input_file_id ? await inputTotal(client, raw.input_file_id) : 0;
        if (total === 0 && raw.output_file_id) {
          // The input file is gone (deleted with the batch's files): the output's lines.
          total = failed + ((await fileLines(client, raw.output_file_id)) ?? 0);
        }
        counts = { total, completed: Math.max(0, total - failed), failed };
        finalCounts.set(raw.id, counts);
      }
      return fromTogetherBatch(raw, counts);
    }
    const total = raw.input_file_id ? await inputTotal(client, raw.input_file_id) : 0;
    const done = Math.min(total, Math.floor(((raw.progress ?? 0) * total) / 100));
    return fromTogetherBatch(raw, { total, completed: done, failed: 0 });
  }

  return {
    async create(client, body) {
      if (client.post === undefined) throw new TypeError("the Together client needs `post`");
      // `{ job, warning }` (docs.together.ai/reference/batch-create); no retry, see createBatchOnce.
      const answer = (await client.post.call(client, "/batches", { body, maxRetries: 0 })) as {
        job?: TogetherBatchObject;
      } & TogetherBatchObject;
      return fromTogetherBatch(answer.job ?? answer);
    },
    async retrieve(client, id) {
      const raw = (await get(client, `/batches/${encodeURIComponent(id)}`)) as TogetherBatchObject;
      return withCounts(client, raw);
    },
    async list(client, limit) {
      // A bare array (docs.together.ai/reference/batch-list), no pages: newest first here.
      const answer = (await get(client, "/batches")) as
        | TogetherBatchObject[]
        | { data?: TogetherBatchObject[] };
      const all = Array.isArray(answer) ? answer : (answer.data ?? []);
      const sorted = [...all].sort(
        (a, b) => (seconds(b.created_at) ?? 0) - (seconds(a.created_at) ?? 0),
      );
      const out: OpenAIBatchObject[] = [];
      for (const raw of sorted.slice(0, limit)) out.push(await withCounts(client, raw));
      return out;
    },
    async cancel(client, id) {
      if (client.post === undefined) throw new TypeError("the Together client needs `post`");
      const raw = (await client.post.call(client, `/batches/${encodeURIComponent(id)}/cancel`, {
        body: {},
      })) as TogetherBatchObject;
      return withCounts(client, raw);
    },
  };
}
