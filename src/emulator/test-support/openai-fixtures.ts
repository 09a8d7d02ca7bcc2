import { fixtureJson, fixtureText } from "../../../test/support/fixtures.js";

/**
 * The real OpenAI payloads from test/fixtures (copied from the providers' docs and spec), so the
 * emulator's replies are compared against the real shapes.
 */
export const batchValidating = fixtureJson("openai/batch.validating.json");
export const batchCompleted = fixtureJson("openai/batch.completed.json");
export const batchList = fixtureJson("openai/batch.list.response.json");
export const fileDeleted = fixtureJson("openai/file_deleted.response.json");
export const outputLine = JSON.parse(
  fixtureText("openai/output.chat_completions.spec_example.jsonl").trim(),
);
export const expiredErrorLine = JSON.parse(
  fixtureText("openai/error_file.expired.jsonl").trim().split("\n")[0]!,
);
