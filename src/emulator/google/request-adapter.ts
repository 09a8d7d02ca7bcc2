import type { EmulatedRequest } from "../responder/types.js";
import type { FileLookup } from "./file-uri.js";
import {
  generationConfigProblem,
  thinkingCap,
  thinkingSettings,
} from "./generation-config-check.js";
import { findPartProblem, type PartProblem } from "./part-check.js";
import { type PartsReading, readParts } from "./part-media.js";
import { field, isObject, type Json } from "./wire.js";

/** One request of a batch as the emulator keeps it, decoded once at creation. */
export interface GoogleRequest {
  request: EmulatedRequest;
  maxOutputTokens: number | undefined;
  /** Most thinking tokens the answer reports; `undefined` when the model does not think. */
  thinkingCap: number | undefined;
  /**
   * Why the model would reject this request. The real API validates requests one by one while
   * the batch runs, so a bad request becomes that request's error, not the batch's.
   */
  problem: string | undefined;
  /** The google.rpc status of the problem's error (a missing file is 403, the rest 400). */
  problemStatus: PartProblem["status"];
}

export interface RequestSource {
  key: string | undefined;
  body: Json;
  index: number;
  /** The batch's model without the `models/` prefix. */
  model: string;
  /** Finds the emulator's own files named in `fileData.fileUri` (none by default). */
  lookup?: FileLookup;
}

function partsReading(content: unknown, lookup?: FileLookup): PartsReading {
  if (typeof content === "string") return { text: content, mediaTokens: 0 };
  const parts = field(content, "parts");
  return Array.isArray(parts) ? readParts(parts, lookup) : { text: "", mediaTokens: 0 };
}

/**
 * System instruction first, then the turns; Gemini's `model` role is the assistant's. A PDF's
 * text is part of its turn's text; images and PDF pages are counted in `mediaTokens`.
 */
function messages(
  body: Json,
  lookup: FileLookup | undefined,
): Pick<EmulatedRequest, "messages" | "mediaTokens"> {
  const out: EmulatedRequest["messages"] = [];
  let mediaTokens = 0;
  const system = field(body, "systemInstruction");
  if (system !== undefined) out.push({ role: "system", text: partsReading(system).text });
  const contents = field(body, "contents");
  if (Array.isArray(contents)) {
    for (const content of contents) {
      const role = field(content, "role");
      const reading = partsReading(content, lookup);
      mediaTokens += reading.mediaTokens;
      out.push({
        role: role === "model" ? "assistant" : typeof role === "string" ? role : "user",
        text: reading.text,
      });
    }
  }
  return { messages: out, ...(mediaTokens > 0 && { mediaTokens }) };
}

/**
 * `responseSchema` is Gemini's OpenAPI subset: upper-case type names, `nullable`. The default
 * responder reads JSON Schema, so types are lower-cased on the way (the rest already matches).
 */
export function openApiToJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(openApiToJsonSchema);
  if (!isObject(schema)) return schema;
  const out: Json = {};
  for (const [name, value] of Object.entries(schema)) {
    if (name === "type" && typeof value === "string") out.type = value.toLowerCase();
    else if (name === "properties" && isObject(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([prop, sub]) => [prop, openApiToJsonSchema(sub)]),
      );
    } else if (name === "items" || name === "anyOf" || name === "any_of") {
      out[name === "any_of" ? "anyOf" : name] = openApiToJsonSchema(value);
    } else out[name] = value;
  }
  return out;
}

function positiveInteger(value: unknown): number | undefined {
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === "number" && Number.isInteger(n) && n > 0 ? n : undefined;
}

/*
 * The problems checked are the ones a structured-extraction client can plausibly make; the
 * wording of the first is the real API's, the others are ours (unverified).
 */
const invalid = (message: string): PartProblem => ({ message, status: "INVALID_ARGUMENT" });

function findProblem(
  body: Json,
  config: unknown,
  model: string,
  lookup: FileLookup | undefined,
): PartProblem | undefined {
  const contents = field(body, "contents");
  if (!Array.isArray(contents) || contents.length === 0) {
    return invalid("* GenerateContentRequest.contents: contents is not specified\n");
  }
  const jsonSchema = field(config, "responseJsonSchema");
  const openApi = field(config, "responseSchema");
  if (jsonSchema !== undefined && openApi !== undefined) {
    return invalid("Only one of responseSchema and responseJsonSchema may be set.");
  }
  const mime = field(config, "responseMimeType");
  const schemaMimes = ["application/json", "text/x.enum"];
  if (
    (jsonSchema !== undefined || openApi !== undefined) &&
    !schemaMimes.includes(mime as string)
  ) {
    return invalid("A response schema needs responseMimeType application/json (or text/x.enum).");
  }
  const refused = generationConfigProblem(model, config);
  return refused !== undefined ? invalid(refused) : findPartProblem(body, lookup);
}

export function adaptRequest(source: RequestSource): GoogleRequest {
  const { body } = source;
  const config = field(body, "generationConfig");
  const jsonSchema = field(config, "responseJsonSchema");
  const openApi = field(config, "responseSchema");
  const problem = findProblem(body, config, source.model, source.lookup);
  let schema: unknown;
  if (isObject(jsonSchema)) schema = jsonSchema;
  else if (isObject(openApi)) schema = openApiToJsonSchema(openApi);
  return {
    request: {
      provider: "google",
      customId: source.key ?? "",
      index: source.index,
      model: source.model,
      body,
      ...messages(body, source.lookup),
      jsonSchema: schema as Json | undefined,
    },
    maxOutputTokens: positiveInteger(field(config, "maxOutputTokens")),
    thinkingCap: thinkingCap(source.model, thinkingSettings(config)),
    problem: problem?.message,
    problemStatus: problem?.status ?? "INVALID_ARGUMENT",
  };
}
