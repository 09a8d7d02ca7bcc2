import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createDashboard } from "./create-dashboard.js";
import type { DashboardOptions } from "./dashboard-options.js";

/** Where `serveDashboard` listens. */
export interface ServeDashboardOptions extends DashboardOptions {
  /**
   * The port (default 0: any free one; the URL says which).
   * @example port: 4400
   */
  port?: number;
  /**
   * The address to bind (default 127.0.0.1: this machine only). Anything else exposes the jobs'
   * data to the network, with no login: put it behind your own authentication.
   * @example host: "127.0.0.1"
   */
  host?: string;
}

export interface DashboardServer {
  url: string;
  port: number;
  /** Stops serving (open pages' event streams are ended) and closes a store it opened. */
  close(): Promise<void>;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

/**
 * Serves the dashboard over HTTP (Node's http server) on 127.0.0.1 unless told otherwise. On a
 * loopback address only the `Host` names of that address are answered, so that no other web
 * page can read it through DNS rebinding.
 *
 * @example
 * const server = await serveDashboard({ store: "./.structured-batch", port: 4400 });
 * console.log(server.url); // http://127.0.0.1:4400
 */
export async function serveDashboard(options: ServeDashboardOptions): Promise<DashboardServer> {
  const host = options.host ?? "127.0.0.1";
  const allowedHosts: string[] = [...(options.allowedHosts ?? [])];
  // Filled in once the port is known; the guard reads the same array.
  const dashboard = await createDashboard({
    ...options,
    ...(LOOPBACK.has(host) || options.allowedHosts ? { allowedHosts } : {}),
  });
  const { createAdaptorServer } = await import("@hono/node-server");
  const server = createAdaptorServer({
    fetch: dashboard.fetch,
    overrideGlobalObjects: false,
  }) as Server;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    await dashboard.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  if (LOOPBACK.has(host)) {
    allowedHosts.push(`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`);
  }
  const urlHost = host.includes(":") ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          // Open pages hold event streams: they end now rather than when the browser leaves.
          server.closeAllConnections();
        });
        await dashboard.close();
      })();
      return closing;
    },
  };
}
