import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import type { ProviderId } from "../providers/types.js";

const PROVIDERS: Record<string, ProviderId> = {
  openai: "openai",
  anthropic: "anthropic",
  google: "google",
  gemini: "google",
};

/** Splits `provider/model` (`openai/gpt-4o-mini`, `gemini/gemini-2.5-flash`). */
export function parseModelString(model: unknown): { provider: ProviderId; model: string } {
  if (typeof model !== "string" || !model.includes("/")) {
    throw new InvalidArgumentError(
      [
        {
          code: "invalid_model",
          path: ["model"],
          message: `expected "provider/model" such as "openai/gpt-4o-mini", got ${JSON.stringify(model) ?? String(model)}`,
        },
      ],
      { code: "invalid_model" },
    );
  }
  const slash = model.indexOf("/");
  const prefix = model.slice(0, slash).toLowerCase();
  const name = model.slice(slash + 1);
  const provider = PROVIDERS[prefix];
  if (provider === undefined || name.trim() === "") {
    throw new InvalidArgumentError(
      [
        {
          code: "invalid_model",
          path: ["model"],
          message:
            provider === undefined
              ? `unknown provider "${prefix}" in "${model}": use openai/, anthropic/, google/ or gemini/`
              : `no model name after "${prefix}/"`,
        },
      ],
      { code: "invalid_model" },
    );
  }
  return { provider, model: name };
}
