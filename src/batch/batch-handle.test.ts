import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import {
  type BatchHandleData,
  decodeBatchHandle,
  decodeBatchHandleFor,
  encodeBatchHandle,
  handleBatchIds,
} from "./batch-handle.js";

const DATA: BatchHandleData = {
  v: 1,
  provider: "google",
  total: 25,
  defaultIds: true,
  layers: [
    [
      { id: "batches/abc123", first: 0, count: 10 },
      { id: "batches/def456", first: 10, count: 10 },
      { id: "batches/ghi789", first: 20, count: 5 },
    ],
    [{ id: "batches/retry1", first: 0, count: 3 }],
  ],
};

/** The handle of any JSON value, as a damaged or foreign handle would carry it. */
const handleOf = (value: unknown) =>
  `sbh1_${Buffer.from(JSON.stringify(value)).toString("base64url")}`;

function invalidHandle(handle: string): InvalidArgumentError {
  try {
    decodeBatchHandle(handle);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return error as InvalidArgumentError;
  }
  throw new Error(`${handle} was read without complaint`);
}

describe("batch handles", () => {
  it("round-trips what a handle carries, in URL-safe characters", () => {
    const handle = encodeBatchHandle(DATA);
    expect(handle).toMatch(/^sbh1_[A-Za-z0-9_-]+$/);
    expect(decodeBatchHandle(handle)).toEqual(DATA);
    expect(handleBatchIds(handle)).toEqual([
      "batches/abc123",
      "batches/def456",
      "batches/ghi789",
      "batches/retry1",
    ]);
  });

  it("round-trips ids outside ASCII and many parts", () => {
    const data: BatchHandleData = {
      v: 1,
      provider: "openai",
      total: 1_000_000,
      defaultIds: false,
      layers: [
        Array.from({ length: 100 }, (_, k) => ({
          id: `batch_${k}_é✓`,
          first: k * 10_000,
          count: 10_000,
        })),
      ],
    };
    expect(decodeBatchHandle(encodeBatchHandle(data))).toEqual(data);
  });

  it("leaves plain provider ids alone", () => {
    for (const id of ["batch_abc", "msgbatch_01abc", "batches/abc", ""]) {
      expect(decodeBatchHandle(id)).toBeUndefined();
      expect(handleBatchIds(id)).toEqual([id]);
    }
  });

  it.each([
    ["not base64 at all", "sbh1_%%%***"],
    ["cut short", encodeBatchHandle(DATA).slice(0, 40)],
    ["empty", "sbh1_"],
    ["not JSON", `sbh1_${Buffer.from("hello").toString("base64url")}`],
    ["JSON null", handleOf(null)],
    ["an unknown version", handleOf({ ...DATA, v: 2 })],
    ["no layers", handleOf({ ...DATA, layers: [] })],
    ["an empty first layer", handleOf({ ...DATA, layers: [[]] })],
    ["a part without an id", handleOf({ ...DATA, layers: [[{ first: 0, count: 3 }]] })],
    ["a negative count", handleOf({ ...DATA, layers: [[{ id: "b", first: 0, count: -1 }]] })],
    ["an unknown provider", handleOf({ ...DATA, provider: "acme" })],
    ["no total", handleOf({ ...DATA, total: undefined })],
    ["defaultIds not a boolean", handleOf({ ...DATA, defaultIds: "yes" })],
  ])("refuses a handle with %s as invalid_handle", (_, handle) => {
    const error = invalidHandle(handle);
    expect(error.code).toBe("invalid_handle");
    expect(error.issues).toEqual([
      { code: "invalid_handle", path: ["handle"], message: expect.any(String) },
    ]);
  });

  it("names the version it cannot read", () => {
    expect(invalidHandle(handleOf({ ...DATA, v: 2 })).message).toMatch(/unknown version 2/);
  });

  it("refuses a handle made for another provider's processor", () => {
    const handle = encodeBatchHandle(DATA);
    expect(decodeBatchHandleFor(handle, "google")).toEqual(DATA);
    expect(decodeBatchHandleFor("batch_plain", "openai")).toBeUndefined();
    let error: unknown;
    try {
      decodeBatchHandleFor(handle, "openai");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({
      code: "invalid_handle",
      issues: [{ code: "provider_mismatch", path: ["handle"] }],
    });
  });
});
