import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureJson } from "../../../test/support/fixtures.js";
import {
  type GoogleHarness,
  inlined,
  rawBatch,
  startGoogleHarness,
} from "./test-support/google-harness.js";

const listFixture = fixtureJson("gemini/batch.list.response.json");

describe("listing Gemini batches", () => {
  let h: GoogleHarness;
  beforeAll(async () => {
    h = await startGoogleHarness();
  });
  afterAll(() => h.close());

  it("answers {} when there is nothing to list", async () => {
    const response = await h.rest("/v1beta/batches");
    expect(await response.json()).toEqual({});
  });

  it("pages newest first to the end with the SDK's pager, without looping", async () => {
    const names: string[] = [];
    for (let i = 0; i < 5; i++) {
      const job = await h.ai.batches.create({
        model: "gemini-2.5-flash",
        src: [inlined(`k${i}`, "hi")],
      });
      names.push(job.name!);
    }
    const pager = await h.ai.batches.list({ config: { pageSize: 2 } });
    const seen: string[] = [];
    for await (const job of pager) {
      seen.push(job.name!);
      if (seen.length > 10) throw new Error("the pager does not stop");
    }
    expect(seen).toEqual([...names].reverse());
  });

  it("shapes a page as the real one and leaves the token out on the last page", async () => {
    const first = await (await h.rest("/v1beta/batches?pageSize=2")).json();
    expect(Object.keys(first)).toEqual(Object.keys(listFixture));
    expect(first.operations).toHaveLength(2);
    expect(first.nextPageToken).toEqual(expect.any(String));
    const second = await (
      await h.rest(`/v1beta/batches?pageSize=2&pageToken=${first.nextPageToken}`)
    ).json();
    const third = await (
      await h.rest(`/v1beta/batches?pageSize=2&pageToken=${second.nextPageToken}`)
    ).json();
    expect(third.operations).toHaveLength(1);
    expect("nextPageToken" in third).toBe(false);
    expect(third.operations[0]).toEqual(await rawBatch(h, third.operations[0].name));
  });

  it("keeps its place when a batch of the next page is deleted meanwhile", async () => {
    const first = await (await h.rest("/v1beta/batches?pageSize=2")).json();
    const all = await (await h.rest("/v1beta/batches")).json();
    await h.ai.batches.delete({ name: all.operations[2].name });
    const second = await (
      await h.rest(`/v1beta/batches?pageSize=2&pageToken=${first.nextPageToken}`)
    ).json();
    expect(second.operations.map((o: { name: string }) => o.name)).toEqual(
      all.operations.slice(3, 5).map((o: { name: string }) => o.name),
    );
  });

  it("rejects a bad page token and a bad page size", async () => {
    for (const query of ["pageToken=nonsense", "pageSize=-1", "pageSize=two"]) {
      const response = await h.rest(`/v1beta/batches?${query}`);
      expect(response.status).toBe(400);
      expect((await response.json()).error.status).toBe("INVALID_ARGUMENT");
    }
  });
});

describe("Gemini under /v1 (the SDK's default version) next to OpenAI's /v1 routes", () => {
  let h: GoogleHarness;
  beforeAll(async () => {
    h = await startGoogleHarness({}, "v1");
  });
  afterAll(() => h.close());

  it("serves the SDK on /v1 while the OpenAI SDK keeps its own /v1/batches and /v1/files", async () => {
    const job = await h.ai.batches.create({
      model: "gemini-2.5-flash",
      src: [inlined("v1", "John Doe is 25")],
    });
    expect(job.state).toBe("JOB_STATE_SUCCEEDED");
    expect((await h.ai.batches.get({ name: job.name! })).dest?.inlinedResponses).toHaveLength(1);
    const file = await h.ai.files.upload({
      file: new Blob(["{}\n"]),
      config: { mimeType: "jsonl" },
    });
    expect(file.uri).toBe(`${h.server.url}/v1/${file.name}`);
    const listed: string[] = [];
    for await (const b of await h.ai.batches.list()) listed.push(b.name!);
    expect(listed).toEqual([job.name]);

    const openai = new OpenAI({ apiKey: "k", baseURL: `${h.server.url}/v1`, maxRetries: 0 });
    expect((await openai.batches.list()).data).toEqual([]);
    expect((await openai.files.list()).data).toEqual([]);
    const missing = await openai.batches.retrieve("batch_x").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
  });

  it("answers an unknown Gemini path in Gemini's envelope, another in OpenAI's", async () => {
    const gemini = await h.rest("/v1/models/gemini-2.5-flash:generateContent", { method: "POST" });
    expect(gemini.status).toBe(404);
    expect((await gemini.json()).error).toMatchObject({ code: 404, status: "NOT_FOUND" });
    const openai = await fetch(`${h.server.url}/v1/nothing`);
    expect((await openai.json()).error).toMatchObject({ type: "invalid_request_error" });
  });
});
