// An AWS Lambda function behind an API Gateway HTTP API (payload 2.0), the serverless shape of
// the seed's `lambda_handler`: one invocation builds the batch in memory (no /tmp) and submits
// it; later invocations read its status and, once it is done, its results. A batch can take up
// to 24 hours, so no invocation waits for it.
//
//   POST /batches       {"texts": ["John Doe is 25, john@example.com", ...]}  -> 202 {batchId}
//   GET  /batches/{id}  -> 200 {status, counts} while it runs, then {status, users, errors}
//
// Install: `npm install structured-batch zod openai`; set OPENAI_API_KEY in the function's
// environment; handler: `index.handler` once bundled.
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from "aws-lambda";
import {
  BatchProcessor,
  filterErrors,
  filterSuccessful,
  InvalidArgumentError,
  isTerminalStatus,
} from "structured-batch";
import { z } from "zod";

const User = z.object({ name: z.string(), age: z.number().int(), email: z.string() });

const SubmitBody = z.object({ texts: z.array(z.string().min(1)).min(1).max(50_000) });

// Made once per container and reused by every warm invocation (the key is read from the
// environment on first use).
let processor: BatchProcessor<z.infer<typeof User>> | undefined;
function getProcessor() {
  processor ??= new BatchProcessor("openai/gpt-4o-mini", User);
  return processor;
}

function json(statusCode: number, body: unknown): APIGatewayProxyResultV2 {
  return {
    statusCode,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  };
}

export async function handler(
  event: APIGatewayProxyEventV2,
  context: Context,
): Promise<APIGatewayProxyResultV2> {
  const { method, path } = event.requestContext.http;
  try {
    if (method === "POST" && path === "/batches") {
      const raw = event.isBase64Encoded
        ? Buffer.from(event.body ?? "", "base64").toString("utf8")
        : (event.body ?? "");
      let input: unknown;
      try {
        input = JSON.parse(raw || "{}");
      } catch {
        return json(400, { error: "the body is not JSON" });
      }
      const parsed = SubmitBody.safeParse(input);
      if (!parsed.success) return json(400, { error: z.prettifyError(parsed.error) });

      const buffer = await getProcessor().createBatchFromMessages(
        parsed.data.texts.map((text) => [
          { role: "system" as const, content: "Extract the user's name, age and email." },
          { role: "user" as const, content: text },
        ]),
        { filePath: null, maxTokens: 150, temperature: 0 },
      );
      const batchId = await getProcessor().submitBatch(buffer, {
        metadata: { requestId: context.awsRequestId },
      });
      return json(202, { batchId, requests: buffer.requestCount, bytes: buffer.size });
    }

    const id = event.pathParameters?.id;
    if (method === "GET" && id) {
      const status = await getProcessor().getBatchStatus(id);
      if (!isTerminalStatus(status.status)) {
        return json(200, { status: status.status, counts: status.requestCounts });
      }
      const results = await getProcessor().getResults(id);
      return json(200, {
        status: status.status,
        users: filterSuccessful(results).map((r) => ({ id: r.customId, ...r.result })),
        errors: filterErrors(results).map((r) => ({ id: r.customId, type: r.errorType })),
      });
    }
    return json(404, { error: `no route for ${method} ${path}` });
  } catch (error) {
    // Bad input is the caller's fault; anything else is logged and reported as a 502.
    if (error instanceof InvalidArgumentError) return json(400, { error: error.message });
    console.error(error);
    return json(502, { error: (error as Error).message });
  }
}
