import { describe, expect, it } from "vitest";
import { providerFromId, resolveTarget } from "./handle.js";

describe("providerFromId", () => {
  it("tells each provider from the shape of its ids, a bare UUID being a Mistral job", () => {
    expect(providerFromId("batch_abc")).toBe("openai");
    expect(providerFromId("msgbatch_01abc")).toBe("anthropic");
    expect(providerFromId("batches/abc")).toBe("google");
    expect(providerFromId("2f3e7c4a-9b1d-4c8e-a0f2-5d6b7c8e9f01")).toBe("mistral");
    expect(providerFromId("job-17")).toBeUndefined();
  });

  it("lets --provider name Mistral for an id of another shape (a proxy's)", () => {
    expect(resolveTarget("job-17", { provider: "mistral" })).toMatchObject({
      provider: "mistral",
      id: "job-17",
    });
    expect(() => resolveTarget("job-17", {})).toThrow(
      expect.objectContaining({
        hint: "Add --provider openai|anthropic|google|mistral|azure|groq|bedrock|vertex|together",
      }),
    );
  });
});
