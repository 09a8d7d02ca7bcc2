import { InvalidArgumentError } from "../../errors/invalid-argument-error.js";
import { GEMINI_MODEL_PATTERN } from "./google-limits.js";

/**
 * Gemini's model is part of the create URL, so a name that is not one (`../files`,
 * `gemini:x?alt=`) is refused when the processor is made, not when the batch is sent.
 */
export function checkGeminiModel(model: string): void {
  if (GEMINI_MODEL_PATTERN.test(model)) return;
  throw new InvalidArgumentError(
    [
      {
        code: "invalid_model",
        path: ["model"],
        message: `${JSON.stringify(model.length > 80 ? `${model.slice(0, 80)}...` : model)} is not a Gemini model name such as "gemini-2.5-flash" (letters, digits, ".", "_", "-"; optionally "models/" or "tunedModels/" first)`,
      },
    ],
    { code: "invalid_model" },
  );
}
