import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { HttpBindings } from "@hono/node-server";
import type { Connection } from "./faults/types.js";
import type { EmulatorServer, ListenOptions } from "./types.js";

type FetchHandler = (request: Request, connection: Connection) => Response | Promise<Response>;

/**
 * The real connection behind a request, for reset faults: a TCP RST (`resetAndDestroy`) is what
 * a dropped link or a crashed proxy looks like to a client, which sees a network error.
 */
function nodeConnection({ incoming, outgoing }: HttpBindings, sent: Response): Connection {
  const reset = () => incoming.socket.resetAndDestroy();
  return {
    drop() {
      reset();
      return sent;
    },
    async dropAfter(status, headers, body) {
      outgoing.writeHead(status, Object.fromEntries(headers));
      outgoing.flushHeaders();
      if (body.byteLength > 0) outgoing.write(body);
      // Reset only once the bytes are in the kernel's hands, or the client may never see them:
      // an empty write's callback runs after every earlier write on the socket.
      await new Promise<void>((resolve) =>
        incoming.socket.write(new Uint8Array(0), () => resolve()),
      );
      reset();
      return sent;
    },
  };
}

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
  // Tells the node server that the answer was written (or the socket dropped) by hand.
  const responseSpecifier = "@hono/node-server/utils/response";
  const { RESPONSE_ALREADY_SENT } = (await import(
    /* @vite-ignore */ responseSpecifier
  )) as typeof import("@hono/node-server/utils/response");
  const host = options.host ?? "127.0.0.1";
  // Keep the process's global Request/Response untouched: the emulator may share it with tests.
  const server = createAdaptorServer({
    // An HTTP/1 server (the default): its bindings are never HTTP/2 ones.
    fetch: (request, env) =>
      fetch(request, nodeConnection(env as HttpBindings, RESPONSE_ALREADY_SENT)),
    overrideGlobalObjects: false,
  }) as Server;
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
