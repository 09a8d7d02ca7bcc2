import type { BatchBuffer } from "../batch/batch-buffer.js";
import { bufferFromJsonl } from "../batch/buffer-from-jsonl.js";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { batchLineProblem, openAILineModel } from "../providers/batch-line-shapes.js";
import type { ProviderId, ProviderLimits } from "../providers/types.js";
import { wireFamily } from "../providers/wire-family.js";
import { validateCustomIds } from "./validate-custom-ids.js";

/**
 * Reads a batch file given to `submitBatch` by path and checks it as a built batch is checked:
 * every line in the provider's request shape (OpenAI: one model and one endpoint for the whole
 * batch), and the ids unique and within the provider's rule. A bad line is named by its line
 * number; nothing is sent.
 */
export async function readBatchFile(
  path: string,
  provider: ProviderId,
  model: string,
  limits: ProviderLimits,
): Promise<BatchBuffer> {
  const { readBytes } = await import("../batch/file-mode.js");
  const lineNumbers: number[] = [];
  let firstModel: string | undefined;
  let firstUrl: unknown;
  const buffer = bufferFromJsonl(await readBytes(path), provider, model, path, (line, number) => {
    const problem = batchLineProblem(line, provider);
    if (problem !== undefined) return problem;
    lineNumbers.push(number);
    if (wireFamily(provider) !== "openai") return undefined;
    const lineModel = openAILineModel(line);
    firstModel ??= lineModel;
    // Every line goes to the batch's one endpoint (chat completions or the Responses API).
    const url = (line as { url?: unknown }).url;
    firstUrl ??= url;
    if (url !== firstUrl) {
      return `"url" must be ${JSON.stringify(firstUrl)}, as on the first line: OpenAI runs one endpoint per batch`;
    }
    return lineModel === firstModel
      ? undefined
      : `is for model ${JSON.stringify(lineModel)}, but the first line is for ${JSON.stringify(firstModel)}: OpenAI runs one model per batch`;
  });
  try {
    validateCustomIds(buffer.customIds, buffer.customIds.length, provider, limits);
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    // Positions in the file, not in a customIds array the caller never saw.
    const lineOf = (k: number) => `line ${lineNumbers[k] ?? k + 1}`;
    throw new InvalidArgumentError(
      error.issues.map((issue) => ({
        code: issue.code,
        path: [path, lineNumbers[issue.path[1] as number] ?? (issue.path[1] as number)],
        message: `custom id ${issue.message.replace(/customIds\[(\d+)\]/g, (_, k) => lineOf(Number(k)))}`,
      })),
      { cause: error },
    );
  }
  return buffer;
}
