import { generateFromSchema } from "./schema-answer.js";
import type { EmulatedRequest, Responder } from "./types.js";

/** The text the default responder reads facts from: what the user said, not the instructions. */
export function conversationText(request: EmulatedRequest): string {
  const user = request.messages.filter((m) => m.role === "user");
  return (user.length > 0 ? user : request.messages).map((m) => m.text).join("\n");
}

/**
 * The default answer: JSON valid against the request's schema when it has one, a short plain
 * text otherwise. Deterministic, so tests can assert on it.
 */
export function defaultAnswer(request: EmulatedRequest): string {
  const text = conversationText(request);
  if (request.jsonSchema) return JSON.stringify(generateFromSchema(request.jsonSchema, text));
  const lastUser = request.messages.filter((m) => m.role === "user").at(-1)?.text ?? "";
  const gist = lastUser.length > 80 ? `${lastUser.slice(0, 77)}...` : lastUser;
  return gist ? `This is an emulated answer to: ${gist}` : "This is an emulated answer.";
}

export const defaultResponder: Responder = (request) => ({
  type: "success",
  content: defaultAnswer(request),
});
