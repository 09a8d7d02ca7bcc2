import { describe, expect, it, vi } from "vitest";
import { ProviderApiError } from "../errors/provider-api-error.js";
import { classifyCreateFailure, createBatchOnce, retryAfterMs } from "./create-batch-once.js";

const http = (status: number, headers?: Record<string, string>) =>
  new ProviderApiError("openai", "create batch", `HTTP ${status}`, {
    status,
    cause: { headers: new Headers(headers) },
  });
const network = () =>
  new ProviderApiError("openai", "create batch", "socket hang up", {
    cause: new TypeError("fetch failed"),
  });

describe("createBatchOnce", () => {
  it("classifies failures: 429 was not processed, lost answers and 5xx are ambiguous, 4xx fatal", () => {
    expect(classifyCreateFailure(http(429))).toBe("not_processed");
    expect(classifyCreateFailure(http(500))).toBe("ambiguous");
    expect(classifyCreateFailure(http(529))).toBe("ambiguous");
    expect(classifyCreateFailure(network())).toBe("ambiguous");
    expect(classifyCreateFailure(http(400))).toBe("fatal");
    expect(retryAfterMs(http(429, { "retry-after": "2" }))).toBe(2000);
  });

  it("sends again after a 429 without looking for a batch", async () => {
    const create = vi
      .fn()
      .mockRejectedValueOnce(http(429, { "retry-after": "0" }))
      .mockResolvedValueOnce("b1");
    const findCreated = vi.fn();
    expect(await createBatchOnce({ provider: "openai", create, findCreated })).toBe("b1");
    expect(create).toHaveBeenCalledTimes(2);
    expect(findCreated).not.toHaveBeenCalled();
  });

  it("after an ambiguous failure returns the batch the call made instead of making another", async () => {
    const create = vi.fn().mockRejectedValueOnce(http(500)).mockResolvedValue("b2");
    const findCreated = vi.fn().mockResolvedValue(["b1"]);
    expect(await createBatchOnce({ provider: "openai", create, findCreated })).toBe("b1");
    expect(create).toHaveBeenCalledTimes(1);
  });

  it("sends again after an ambiguous failure that made nothing", async () => {
    const create = vi.fn().mockRejectedValueOnce(network()).mockResolvedValueOnce("b1");
    const findCreated = vi.fn().mockResolvedValue([]);
    expect(await createBatchOnce({ provider: "openai", create, findCreated, baseDelayMs: 1 })).toBe(
      "b1",
    );
    expect(create).toHaveBeenCalledTimes(2);
  });

  it("reports, never guesses, when it cannot tell which batch was made", async () => {
    const create = vi.fn().mockRejectedValue(http(503));
    const two = createBatchOnce({
      provider: "anthropic",
      create,
      findCreated: async () => ["a", "b"],
    });
    await expect(two).rejects.toThrow(
      /2 batches could be the one it made: a, b.*check listBatches/,
    );
    const lookupFails = createBatchOnce({
      provider: "anthropic",
      create,
      findCreated: async () => {
        throw new Error("list failed");
      },
    });
    await expect(lookupFails).rejects.toThrow(
      "checking whether it was created failed too (list failed)",
    );
    expect(create).toHaveBeenCalledTimes(2);
  });

  it("does not retry a request the provider rejected, and gives up after its attempts", async () => {
    const fatal = vi.fn().mockRejectedValue(http(400));
    await expect(
      createBatchOnce({ provider: "openai", create: fatal, findCreated: async () => [] }),
    ).rejects.toThrow("HTTP 400");
    expect(fatal).toHaveBeenCalledTimes(1);
    const busy = vi.fn().mockRejectedValue(http(429, { "retry-after": "0" }));
    await expect(
      createBatchOnce({
        provider: "openai",
        create: busy,
        findCreated: async () => [],
        attempts: 3,
      }),
    ).rejects.toThrow("HTTP 429");
    expect(busy).toHaveBeenCalledTimes(3);
  });
});
