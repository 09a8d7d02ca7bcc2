import { Agent, request as httpRequest } from "node:http";
import { describe, expect, it } from "vitest";
import { createEmulator } from "./index.js";

describe("listen", () => {
  it("serves on a free port of 127.0.0.1 and closes despite an idle keep-alive connection", async () => {
    const emulator = createEmulator();
    const server = await emulator.listen({ port: 0 });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);

    const agent = new Agent({ keepAlive: true });
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${server.url}/v1/batches`,
        { agent, headers: { authorization: "Bearer k" } },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(200);

    await server.close();
    await server.close();
    agent.destroy();
    await expect(fetch(`${server.url}/v1/batches`)).rejects.toThrow();
  });

  it("rejects when the port is taken", async () => {
    const first = await createEmulator().listen();
    try {
      await expect(createEmulator().listen({ port: first.port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});
