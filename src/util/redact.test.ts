import { describe, expect, it } from "vitest";
import { redact, redactErrorChain } from "./redact.js";

describe("redact", () => {
  it("removes the given secrets, credentials in URLs, secret query values and tokens", () => {
    expect(redact("key abcd1234 sent", ["abcd1234"])).toBe("key [redacted] sent");
    expect(redact("GET http://user:pw@proxy.local:8080/v1/files failed")).toBe(
      "GET http://[redacted]@proxy.local:8080/v1/files failed",
    );
    expect(redact("https://only-user@host/x")).toBe("https://[redacted]@host/x");
    expect(
      redact("https://h/v1?alt=json&key=AIzaSECRET&X-Amz-Signature=abc123&access_token=t0k"),
    ).toBe(
      "https://h/v1?alt=json&key=[redacted]&X-Amz-Signature=[redacted]&access_token=[redacted]",
    );
    expect(redact("Authorization: Bearer abcdefghijkl")).toBe("Authorization: Bearer [redacted]");
    expect(redact("key sk-proj-abcdefghijkl")).toBe("key sk-[redacted]");
  });

  it("leaves text without secrets as it is (an e-mail address is not a URL's credentials)", () => {
    const text = "write to ann@example.com; see https://example.com/a?b=c#d";
    expect(redact(text)).toBe(text);
  });

  it("is linear in the text, however its runs are arranged", () => {
    // Runs that make a backtracking pattern rescan from every start: "a.a.a...", "://" with no
    // "@", "?key" with no "=". A complexity check, not a speed claim: 16 times the input takes
    // about 16 times as long when linear (up to 60 times on a loaded machine, from caches and
    // collections) and 256 times or far more when quadratic; the fastest of several runs counts.
    const shapes = [
      (n: number) => "a.".repeat(n / 2),
      (n: number) => "http://".repeat(n / 28) + "x".repeat(n * 0.75),
      (n: number) => `://${"u".repeat(n)}`,
      (n: number) => "?key".repeat(n / 4),
      (n: number) => `Bearer ${"a".repeat(n)}`,
    ];
    for (const shape of shapes) {
      const fastest = (n: number) => {
        const text = shape(n);
        let best = Number.POSITIVE_INFINITY;
        for (let i = 0; i < 7; i++) {
          const start = performance.now();
          redact(text, ["zzzz"]);
          best = Math.min(best, performance.now() - start);
        }
        return best;
      };
      fastest(100_000); // warm up
      const small = Math.max(fastest(400_000), 0.5);
      const large = fastest(6_400_000);
      expect(large / small).toBeLessThan(128);
    }
  });
});

describe("redactErrorChain", () => {
  it("removes secrets from every message and stack of the chain, keeping the objects", () => {
    const inner = new Error("at http://u:pw@h/v1?key=K123456");
    const outer = Object.assign(new TypeError("fetch failed for the-key-9999", { cause: inner }), {
      status: 502,
    });
    redactErrorChain(outer, ["the-key-9999"]);
    expect(outer).toBeInstanceOf(TypeError);
    expect(outer.status).toBe(502);
    expect(outer.cause).toBe(inner);
    expect(outer.message).toBe("fetch failed for [redacted]");
    expect(inner.message).toBe("at http://[redacted]@h/v1?key=[redacted]");
    expect(`${outer.stack}${inner.stack}`).not.toMatch(/pw@|K123456|the-key-9999/);
  });
});
