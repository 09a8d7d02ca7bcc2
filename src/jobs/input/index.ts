/**
 * Row input and prompt templates for jobs: read the rows of a JSONL or CSV file as it streams,
 * each with its stable id and line, and turn each row into messages with a `{{column}}`
 * template. Web-standard APIs only, so it runs wherever the core does.
 *
 * @example
 * import { readRows, rowToMessages } from "structured-batch/jobs";
 * const toMessages = rowToMessages("Extract the user from: {{text}}", "Answer in JSON.");
 * for await (const { id, row } of readRows(stream, { format: "csv", idColumn: "id" })) {
 *   const messages = toMessages(row, id);
 * }
 */
export {
  type CompiledTemplate,
  type CompileTemplateOptions,
  compileTemplate,
} from "./compile-template.js";
export { checkDuplicateIds } from "./duplicate-ids.js";
export { type InputRow, type ReadRowsOptions, readRows } from "./read-rows.js";
export { MAX_ROW_ID_LENGTH } from "./row-id.js";
export type { RowSource } from "./row-source.js";
export { type RowToMessagesOptions, rowToMessages } from "./row-to-messages.js";
