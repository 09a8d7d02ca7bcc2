import { seededRandom } from "../ids.js";
import type { FaultRuleSnapshot } from "../inspect/snapshot-types.js";
import { deliveredBytes, fetchFailed, interruptedBody, readPrefix, wait } from "./cut-streams.js";
import { FaultRules } from "./fault-rules.js";
import { overloadStatus, providerOf, statusResponse } from "./provider-errors.js";
import { faultLabel, startEntry } from "./request-log.js";
import type { Connection, Fault, FaultControl, FaultRule, RequestLogEntry } from "./types.js";

export interface TransportOptions {
  faults?: FaultRule[] | undefined;
  latencyMs?: number | undefined;
  failRate?: number | undefined;
  seed?: number | undefined;
  onRequest?: ((entry: RequestLogEntry) => void) | undefined;
}

type Handler = (request: Request) => Response | Promise<Response>;

/** What sits between the network (or `emulator.fetch`) and the app: faults, latency, the log. */
export interface Transport {
  /** Serves one request; `connection` is the real one when served over HTTP. */
  handle(request: Request, connection?: Connection): Promise<Response>;
  faults: FaultControl;
  /** Rules back to the options' ones and the failRate sequence back to its start. */
  reset(): void;
  /** The rules in force and the settings that fail or slow requests, as plain data. */
  snapshot(): { faults: FaultRuleSnapshot[]; failRate: number; latencyMs: number };
}

// Statuses whose Response may not have a body: a cut body cannot be built for them.
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

function checkOptions(options: TransportOptions): void {
  const { latencyMs, failRate, seed } = options;
  if (latencyMs !== undefined && !(Number.isFinite(latencyMs) && latencyMs >= 0)) {
    throw new RangeError(
      `createEmulator: latencyMs must be a finite number >= 0, got ${latencyMs}`,
    );
  }
  if (failRate !== undefined && !(failRate >= 0 && failRate <= 1)) {
    throw new RangeError(`createEmulator: failRate must be from 0 to 1, got ${failRate}`);
  }
  if (seed !== undefined && !Number.isFinite(seed)) {
    throw new RangeError(`createEmulator: seed must be a finite number, got ${seed}`);
  }
}

interface Served {
  response: Response;
  /** What the log reports: 0 when nothing was answered. */
  status: number;
}

export function createTransport(app: Handler, options: TransportOptions = {}): Transport {
  checkOptions(options);
  const faults = new FaultRules(options.faults);
  const latencyMs = options.latencyMs ?? 0;
  const failRate = options.failRate ?? 0;
  const seed = options.seed ?? 0;
  let random = seededRandom(seed);

  async function serve(
    request: Request,
    fault: Fault | undefined,
    provider: ReturnType<typeof providerOf>,
    connection: Connection | undefined,
  ): Promise<Served> {
    if (fault?.type === "reset" && (fault.when ?? "request") === "request") {
      const prefix = await readPrefix(request.body, fault.afterBytes ?? 0);
      const dropped = connection?.drop();
      prefix.cancel();
      if (dropped) return { response: dropped, status: 0 };
      throw fetchFailed();
    }
    let response: Response;
    if (fault?.type === "status" && fault.when !== "after") {
      response = statusResponse(provider, fault.status, {
        ...fault,
        path: new URL(request.url).pathname,
      });
    } else {
      response = await app(request);
      if (fault?.type === "status") {
        // The work is done (a batch may exist now); only the answer is lost.
        await response.body?.cancel();
        response = statusResponse(provider, fault.status, {
          ...fault,
          path: new URL(request.url).pathname,
        });
      }
    }
    await wait(latencyMs + (fault?.type === "delay" ? fault.ms : 0), request.signal);
    if (fault?.type !== "reset") return { response, status: response.status };

    const afterBytes = fault.afterBytes ?? 0;
    const prefix = await readPrefix(response.body, afterBytes + 1);
    const bytes = deliveredBytes(prefix, afterBytes);
    if (connection) {
      const headers = new Headers(response.headers);
      // A known length lets the client tell the cut body from a whole one.
      if (prefix.complete) headers.set("content-length", String(prefix.bytes.byteLength));
      const dropped = await connection.dropAfter(response.status, headers, bytes);
      prefix.cancel();
      return { response: dropped, status: response.status };
    }
    prefix.cancel();
    if (NULL_BODY.has(response.status)) throw fetchFailed();
    const cut = new Response(interruptedBody(bytes), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    return { response: cut, status: response.status };
  }

  return {
    // Only the three public methods: the counters stay out of a test's reach.
    faults: {
      add: (rule) => faults.add(rule),
      clear: () => faults.clear(),
      list: () => faults.list(),
    },
    snapshot: () => ({ faults: faults.snapshot(), failRate, latencyMs }),
    reset() {
      faults.restore();
      random = seededRandom(seed);
    },
    async handle(request, connection) {
      const provider = providerOf(request);
      const finish = startEntry(options.onRequest, request, provider);
      // Drawn for every request, so which requests fail depends on their order alone.
      const unlucky = failRate > 0 && random() < failRate;
      let fault = faults.take(request.method, new URL(request.url).pathname, provider);
      let label = fault ? faultLabel(fault) : undefined;
      if (!fault && unlucky) {
        fault = { type: "status", status: overloadStatus(provider) };
        label = `failRate:${fault.status}`;
      }
      let status = 0;
      try {
        const served = await serve(request, fault, provider, connection);
        status = served.status;
        return served.response;
      } finally {
        finish(status, label);
      }
    },
  };
}
