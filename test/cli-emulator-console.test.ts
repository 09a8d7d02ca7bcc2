// `structured-batch emulator` serves its console at the root: the built CLI as a subprocess,
// real HTTP on 127.0.0.1, a batch made with the official SDK.
import type { ChildProcess } from "node:child_process";
import Anthropic from "@anthropic-ai/sdk";
import { describe, expect, it } from "vitest";
import { finish, SECRET_KEY, spawnCli, useBuiltCli } from "./support/cli-run.js";

useBuiltCli();

/** The first complete stdout the emulator prints (its JSON, or its startup text). */
function firstOutput(child: ChildProcess, done: (seen: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = "";
    child.stdout?.on("data", (d) => {
      seen += d;
      if (done(seen)) resolve(seen);
    });
    child.on("close", () => reject(new Error(`emulator exited early: ${seen}`)));
  });
}

describe("structured-batch emulator: the console", () => {
  it("prints the console URL and serves the page and the state there, without the key", async () => {
    const child = spawnCli(["emulator", "--port", "0", "--json", "--quiet"]);
    const done = finish(child);
    const printed = JSON.parse(await firstOutput(child, (s) => s.trim().endsWith("}")));
    expect(printed.consoleURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(printed.consoleURL).toBe(`${printed.url}/`);
    // Every earlier field is still there.
    expect(printed.openaiBaseURL).toBe(`${printed.url}/v1`);

    const page = await fetch(printed.consoleURL);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toMatch(/^default-src 'self'/);
    expect(await page.text()).toContain('src="/__emulator/console/console.js"');
    const script = await fetch(`${printed.url}/__emulator/console/console.js`);
    expect([script.status, script.headers.get("content-type")]).toEqual([
      200,
      "text/javascript; charset=utf-8",
    ]);

    const anthropic = new Anthropic({ apiKey: SECRET_KEY, baseURL: printed.url, maxRetries: 0 });
    const batch = await anthropic.messages.batches.create({
      requests: [
        {
          custom_id: "a",
          params: {
            model: "claude-sonnet-4-5",
            max_tokens: 50,
            messages: [{ role: "user", content: "hi" }],
          },
        },
      ],
    });
    const stateText = await (await fetch(`${printed.url}/__emulator/state`)).text();
    const state = JSON.parse(stateText);
    expect(state.batches).toMatchObject([
      { provider: "anthropic", id: batch.id, requestCount: 1, held: false },
    ]);
    expect(stateText).not.toContain(SECRET_KEY);

    child.kill("SIGTERM");
    const { code, stdout, stderr } = await done;
    expect(code).toBe(0);
    expect(stdout + stderr).not.toContain(SECRET_KEY);
  }, 120_000);

  it("names the console in its startup text; --no-console leaves / to the emulator", async () => {
    const text = spawnCli(["emulator", "--port", "0", "--quiet"]);
    const textDone = finish(text);
    const startup = await firstOutput(text, (s) => s.includes("export OPENAI_BASE_URL="));
    const url = /listening on (\S+)/.exec(startup)?.[1];
    expect(startup).toContain(`  Console:   ${url}/ (batches, clock, fault rules)`);
    text.kill("SIGTERM");
    expect((await textDone).code).toBe(0);

    const bare = spawnCli(["emulator", "--port", "0", "--json", "--quiet", "--no-console"]);
    const bareDone = finish(bare);
    const printed = JSON.parse(await firstOutput(bare, (s) => s.trim().endsWith("}")));
    expect(printed.consoleURL).toBeNull();
    const root = await fetch(`${printed.url}/`);
    expect(root.status).toBe(404);
    expect(await root.json()).toMatchObject({ error: { message: "Invalid URL (GET /)" } });
    expect((await fetch(`${printed.url}/__emulator/state`)).status).toBe(404);
    bare.kill("SIGTERM");
    expect((await bareDone).code).toBe(0);
  }, 120_000);
});
