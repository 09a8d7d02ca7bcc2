import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import type { ProviderId } from "../providers/types.js";

const PROVIDERS: Record<string, ProviderId> = {
  openai: "openai",
  anthropic: "anthropic",
  google: "google",
  gemini: "google",
  mistral: "mistral",
  azure: "azure",
  groq: "groq",
  bedrock: "bedrock",
  vertex: "vertex",
  together: "together",
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
  // A model name never holds whitespace or control characters: " gpt-4o" is a typo that the
  // provider would answer with "model not found" for every request.
  if (provider === undefined || name.trim() === "" || /[\s\p{Cc}]/u.test(name)) {
    throw new InvalidArgumentError(
      [
        {
          code: "invalid_model",
          path: ["model"],
          message:
            provider === undefined
              ? `unknown provider "${prefix}" in "${model}": use openai/, anthropic/, google/, gemini/, mistral/, azure/, groq/, bedrock/, vertex/ or together/`
              : name.trim() === ""
                ? `no model name after "${prefix}/"`
                : `the model name ${JSON.stringify(name)} contains whitespace or a control character`,
        },
      ],
      { code: "invalid_model" },
    );
  }
  return { provider, model: name };
}
