// proxy-credentials.ts against a real proxy on 127.0.0.1 that answers 401 without the right
// Proxy-Authorization header and forwards everything else to the emulator.
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useEmulatorServer } from "../test/support/emulator-server.js";
import { fetchWithProxyAuth, main } from "./proxy-credentials.js";

const emulator = useEmulatorServer();
const expected = `Basic ${Buffer.from("proxyuser:proxy-pw").toString("base64")}`;
let proxy: Server;
let proxyUrl: string;
let refused = 0;
let forwarded = 0;

beforeAll(async () => {
  const target = new URL(emulator.url);
  proxy = createServer((req, res) => {
    if (req.headers["proxy-authorization"] !== expected) {
      refused++;
      res.writeHead(401, { "content-type": "application/json" }).end('{"error":"proxy auth"}');
      return;
    }
    forwarded++;
    const { "proxy-authorization": _, ...headers } = req.headers;
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  for (const name of ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY"]) {
    vi.stubEnv(name, "example-key");
  }
  vi.stubEnv("GOOGLE_API_KEY", "");
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise((resolve) => proxy.close(resolve));
});

describe("proxy-credentials.ts", () => {
  it("reaches all three providers through a proxy that wants credentials", async () => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const names = await main(proxyUrl, "proxyuser", "proxy-pw");
    expect(names).toEqual([
      "openai/gpt-4o-mini: John Doe",
      "anthropic/claude-haiku-4-5: John Doe",
      "google/gemini-2.5-flash: John Doe",
    ]);
    expect(forwarded).toBeGreaterThanOrEqual(9); // create, poll, read on each provider
    expect(refused).toBe(0);
  });

  it("is refused by that proxy with wrong credentials (the header is what it checks)", async () => {
    const response = await fetchWithProxyAuth("proxyuser", "wrong")(`${proxyUrl}/v1/batches`);
    expect(response.status).toBe(401);
    expect(refused).toBe(1);
  });
});
