import { type AdaptedRequest, adaptRequest } from "../anthropic/request-adapter.js";
import { isObject } from "../message-text.js";

export interface BedrockRecord {
  recordId: string;
  modelInput: unknown;
  adapted: AdaptedRequest;
  /** Why the model would refuse this record's body (written as a 400 error line). */
  rejection: string | undefined;
}

export interface BedrockEmulatorLimitsResolved {
  minRecordsPerJob: number;
  maxRecordsPerJob: number;
  maxInputFileBytes: number;
}

const ANTHROPIC_VERSION = "bedrock-2023-05-31";

/**
 * The records of an input file as Bedrock validates them before a job runs: every line a JSON
 * object with a `modelInput` object, record ids unique (one is made up for a record without
 * one, as Bedrock adds it in the output), and the file within the job's record and size
 * quotas. What fails here fails the whole job (`Failed` with a message), not one record. A
 * Claude body is then checked per record, as InvokeModel would: a bad `anthropic_version`, or
 * a param the Messages API refuses, is that record's 400 error line.
 */
export function readRecords(
  bytes: Uint8Array,
  modelId: string,
  limits: BedrockEmulatorLimitsResolved,
): { records: BedrockRecord[]; invalid: string | undefined } {
  const fail = (invalid: string) => ({ records: [], invalid });
  if (bytes.byteLength > limits.maxInputFileBytes) {
    return fail(
      `The input file is ${bytes.byteLength} bytes; the quota "Batch inference input file size" allows ${limits.maxInputFileBytes}.`,
    );
  }
  const records: BedrockRecord[] = [];
  const seen = new Set<string>();
  const lines = new TextDecoder().decode(bytes).split("\n");
  for (const [i, line] of lines.entries()) {
    if (line.trim() === "") continue;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      return fail(`Line ${i + 1} of the input file is not valid JSON.`);
    }
    if (!isObject(row) || !isObject(row.modelInput)) {
      return fail(`Line ${i + 1} of the input file has no modelInput object.`);
    }
    const recordId =
      typeof row.recordId === "string" && row.recordId !== ""
        ? row.recordId
        : `${String(records.length).padStart(11, "0")}`;
    if (seen.has(recordId))
      return fail(
        `The recordId ${JSON.stringify(recordId)} appears more than once in the input file.`,
      );
    seen.add(recordId);
    const { anthropic_version: version, ...body } = row.modelInput;
    const adapted = adaptRequest(
      recordId,
      { ...body, model: modelId },
      records.length,
      "2023-06-01",
    );
    adapted.request.provider = "bedrock";
    records.push({
      recordId,
      modelInput: row.modelInput,
      adapted,
      rejection:
        version === ANTHROPIC_VERSION
          ? undefined
          : `anthropic_version: ${version === undefined ? "Field required" : `${JSON.stringify(version)} is not supported; use "${ANTHROPIC_VERSION}"`}`,
    });
  }
  if (records.length < limits.minRecordsPerJob) {
    return fail(
      `The job has ${records.length} records; the quota "Minimum number of records per batch inference job" is ${limits.minRecordsPerJob}.`,
    );
  }
  if (records.length > limits.maxRecordsPerJob) {
    return fail(
      `The job has ${records.length} records; the quota "Records per batch inference job" is ${limits.maxRecordsPerJob}.`,
    );
  }
  return { records, invalid: undefined };
}
