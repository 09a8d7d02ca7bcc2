import type { ContentPart, Conversation, FileContentPart } from "../../messages/types.js";
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
  options: RowToMessagesOptions = {},
): (row: Record<string, unknown>, rowId: string) => Conversation {
  const compiled = typeof template === "string" ? compileTemplate(template) : template;
  const { files } = options;
  const user = (row: Record<string, unknown>, rowId: string) => {
    const text = compiled.render(row, rowId);
    const attached = files?.(row, rowId) ?? [];
    if (attached.length === 0) return { role: "user" as const, content: text };
    const content: ContentPart[] = [{ type: "text", text }, ...attached];
    return { role: "user" as const, content };
  };
  if (system === undefined || system === "") return (row, rowId) => [user(row, rowId)];
  return (row, rowId) => [{ role: "system", content: system }, user(row, rowId)];
}

/** Options of `rowToMessages`. */
export interface RowToMessagesOptions {
  /**
   * Files (PDFs, images) to attach to each row's user message, after its text.
   * @example rowToMessages("Extract the invoice {{id}}.", undefined, { files: (row) => [filePart(pdfs.get(row.id), { mediaType: "application/pdf" })] })
   */
  files?: (row: Record<string, unknown>, rowId: string) => readonly FileContentPart[];
}
