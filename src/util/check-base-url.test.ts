import { afterEach, describe, expect, it } from "vitest";
import { InvalidBaseUrlError } from "../errors/invalid-base-url-error.js";
import { checkBaseURL, resolveBaseURL } from "./check-base-url.js";

function failure(run: () => unknown): InvalidBaseUrlError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidBaseUrlError);
    return error as InvalidBaseUrlError;
  }
  throw new Error("expected an InvalidBaseUrlError");
}

describe("checkBaseURL", () => {
  it("takes http(s) URLs with or without a path", () => {
    for (const url of ["https://api.openai.com/v1", "http://127.0.0.1:8787", "http://[::1]:80/"]) {
      expect(checkBaseURL(url, "baseURL")).toBe(url);
    }
  });

  it.each([
    ["http://user:s3cret@proxy.local/v1", "credentials_in_base_url"],
    ["https://s3cret@proxy.local", "credentials_in_base_url"],
    ["https://proxy.local/v1?key=s3cret", "query_in_base_url"],
    ["https://proxy.local/v1#s3cret", "query_in_base_url"],
    ["file:///etc/passwd", "invalid_base_url"],
    ["ftp://host/v1", "invalid_base_url"],
    ["api.openai.com/v1", "invalid_base_url"],
    ["", "invalid_base_url"],
  ])("refuses %s (%s), naming the source, never the secret", (url, code) => {
    const error = failure(() => checkBaseURL(url, "OPENAI_BASE_URL"));
    expect(error.code).toBe("invalid_base_url");
    expect(error.issues).toEqual([expect.objectContaining({ code, path: ["OPENAI_BASE_URL"] })]);
    expect(error.message).toMatch(/^OPENAI_BASE_URL: /);
    expect(`${error.message}${error.stack}`).not.toContain("s3cret");
  });

  it("says how to pass proxy credentials instead", () => {
    const error = failure(() => checkBaseURL("http://u:p@h/v1", "baseURL"));
    expect(error.message).toContain("Proxy-Authorization");
    expect(error.message).toContain("http://[redacted]@h/v1");
  });
});

describe("resolveBaseURL", () => {
  const saved = process.env.SB_TEST_BASE_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.SB_TEST_BASE_URL;
    else process.env.SB_TEST_BASE_URL = saved;
  });

  it("prefers the option (checked with the other options), else reads and checks the variable", () => {
    process.env.SB_TEST_BASE_URL = "http://u:p@h/v1";
    expect(resolveBaseURL("https://a/v1", "SB_TEST_BASE_URL")).toBe("https://a/v1");
    expect(failure(() => resolveBaseURL(undefined, "SB_TEST_BASE_URL")).issues[0]?.path).toEqual([
      "env",
      "SB_TEST_BASE_URL",
    ]);
    delete process.env.SB_TEST_BASE_URL;
    expect(resolveBaseURL(undefined, "SB_TEST_BASE_URL")).toBeUndefined();
  });
});
