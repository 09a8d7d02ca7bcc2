import type { ResolvedOutcome } from "../responder/types.js";
import { filePartRejection } from "./file-part-check.js";
import { imagePartRejection } from "./image-part-check.js";
import { modelParamRejection } from "./model-param-check.js";
import { strictSchemaRejection } from "./strict-schema-check.js";

/**
 * The 400 the real API answers a request with when it runs, if it would refuse it: a parameter
 * its model refuses, a bad image or file part, a strict schema it cannot take (the first found,
 * in that order). Such a request never reaches the model, so no responder is asked.
 */
export function requestRejection(
  body: Record<string, unknown>,
  endpoint: string,
): Extract<ResolvedOutcome, { kind: "http_error" }> | undefined {
  const coded =
    modelParamRejection(body, endpoint) ??
    imagePartRejection(body, endpoint) ??
    filePartRejection(body, endpoint);
  const rejection = coded ?? strictSchemaRejection(body, endpoint);
  if (!rejection) return undefined;
  return {
    kind: "http_error",
    status: 400,
    message: rejection.message,
    errorType: "invalid_request_error",
    code: coded?.code ?? null,
    param: rejection.param,
  };
}
