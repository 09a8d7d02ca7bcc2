// In memory or to a file: `filePath: null` (the default) builds the batch as a `BatchBuffer` and
// touches no disk, which is the only choice in Workers, on read-only file systems and the right
// one in Lambda; a path writes the same JSONL there (atomically) and returns the path, to keep,
// inspect or hand to another tool. Both submit the same way.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BatchProcessor } from "structured-batch";
import { z } from "zod";

const User = z.object({ name: z.string(), age: z.number().int(), email: z.string() });

const messagesList = [
  [{ role: "user" as const, content: "Extract: John Doe is 25 years old, john@example.com" }],
  [{ role: "user" as const, content: "Extract: Jane Smith, age 30, jane.smith@company.com" }],
];

export async function main() {
  const processor = new BatchProcessor("openai/gpt-4o-mini", User);

  // In memory: a BatchBuffer (bytes, size, preview, ...). Nothing is written anywhere.
  const buffer = await processor.createBatchFromMessages(messagesList, {
    filePath: null,
    maxTokens: 150,
  });
  console.log(`in memory: BatchBuffer of ${buffer.size} bytes, ${buffer.requestCount} requests`);

  // To a file: the path comes back. Here a temporary folder; a Lambda could use /tmp.
  const dir = await mkdtemp(join(tmpdir(), "structured-batch-"));
  try {
    const path = await processor.createBatchFromMessages(messagesList, {
      filePath: join(dir, "batch.jsonl"),
      maxTokens: 150,
    });
    const fileBytes = new Uint8Array(await readFile(path));
    const identical = Buffer.from(fileBytes).equals(buffer.getValue());
    console.log(`file: ${path}, ${fileBytes.byteLength} bytes, same bytes: ${identical}`);

    // Either one is submitted the same way.
    const fromMemory = await processor.submitBatch(buffer);
    const fromFile = await processor.submitBatch(path);
    console.log(`submitted ${fromMemory} (from memory) and ${fromFile} (from the file)`);
    return { memoryBytes: buffer.size, fileBytes: fileBytes.byteLength, identical };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
