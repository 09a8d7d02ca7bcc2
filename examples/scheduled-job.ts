// A scheduled function (a cron every few minutes: Vercel Cron, Lambda + EventBridge, Cloud Run
// jobs) that drives a nightly extraction of millions of rows. Each invocation does one bounded
// step and exits; invocations may overlap. The provider's batch service does the compute,
// PostgreSQL the coordination: nothing is lost or sent twice, whichever invocation dies.
import { openJob } from "structured-batch/jobs";
import { z } from "zod";

const Person = z.object({ name: z.string(), age: z.number().int(), email: z.string() });
type Row = { id: string; text: string };

function nightlyJob() {
  return openJob({
    name: "people-nightly",
    store: process.env.DATABASE_URL, // postgres://...; unset: an embedded store in memory
    model: "openai/gpt-4o-mini",
    schema: Person,
    prompt: (row: Row) => [
      { role: "system", content: "Extract the person's name, age and e-mail." },
      { role: "user", content: row.text },
    ],
    params: { maxTokens: 200 },
    maxRetries: 3,
  });
}

/** Imports rows (from a file, a query, a queue); ids already in the job are skipped. */
export async function importRows(rows: Iterable<Row> | AsyncIterable<Row>) {
  const job = await nightlyJob();
  try {
    return await job.add(rows);
  } finally {
    await job.close();
  }
}

/** The scheduled handler: one step, well inside the platform's time limit. */
export async function handler() {
  const job = await nightlyJob();
  try {
    const { progress, submitted, collected } = await job.step({ timeBudgetMs: 50_000 });
    return { done: progress.done, rows: progress.rows, submitted, collected };
  } finally {
    await job.close();
  }
}

/** The extracted people, read from the store (also plain SQL: `sb_rows.result` is JSONB). */
export async function* people() {
  const job = await nightlyJob();
  try {
    for await (const r of job.results()) yield { id: r.id, ...r.value };
  } finally {
    await job.close();
  }
}
