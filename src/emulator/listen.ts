import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { EmulatorServer, ListenOptions } from "./types.js";

type FetchHandler = (request: Request) => Response | Promise<Response>;

/**
 * Serves `fetch` over HTTP with @hono/node-server, loaded only here and only on demand so that
 * the rest of the emulator stays free of Node APIs.
 */
export async function listen(
  fetch: FetchHandler,
  options: ListenOptions = {},
): Promise<EmulatorServer> {
  // A variable specifier keeps bundlers for workerd from following this into node:http.
  const specifier = "@hono/node-server";
  const { createAdaptorServer } = (await import(
    /* @vite-ignore */ specifier
  )) as typeof import("@hono/node-server");
  const host = options.host ?? "127.0.0.1";
  // Keep the process's global Request/Response untouched: the emulator may share it with tests.
  const server = createAdaptorServer({ fetch, overrideGlobalObjects: false }) as Server;
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once("error", onError);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Clients keep sockets alive between requests; without this close() waits on them.
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
