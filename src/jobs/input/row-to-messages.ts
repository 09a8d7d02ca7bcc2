import type { Conversation } from "../../messages/types.js";
import { type CompiledTemplate, compileTemplate } from "./compile-template.js";

/**
 * Turns a prompt template into the function a job calls per row: the row's messages, a system
 * message first when `system` is given (used as it is, not as a template), then the user
 * message rendered from the row. A template string is compiled here, so its errors come now.
 *
 * @example
 * const toMessages = rowToMessages("Extract the user from: {{text}}", "Answer in JSON.");
 * toMessages({ id: "7", text: "Ann, 31" }, "7");
 * // [{ role: "system", content: "Answer in JSON." },
 * //  { role: "user", content: "Extract the user from: Ann, 31" }]
 */
export function rowToMessages(
  template: string | CompiledTemplate,
  system?: string,
): (row: Record<string, unknown>, rowId: string) => Conversation {
  const compiled = typeof template === "string" ? compileTemplate(template) : template;
  if (system === undefined || system === "") {
    return (row, rowId) => [{ role: "user", content: compiled.render(row, rowId) }];
  }
  return (row, rowId) => [
    { role: "system", content: system },
    { role: "user", content: compiled.render(row, rowId) },
  ];
}
