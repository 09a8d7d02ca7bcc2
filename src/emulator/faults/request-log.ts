import type { EmulatorProvider, Fault, RequestLogEntry } from "./types.js";

/** A fault's name in the log: `status:429`, `status:500:after`, `reset:response`, `delay:50ms`. */
export function faultLabel(fault: Fault): string {
  switch (fault.type) {
    case "status":
      return fault.when === "after" ? `status:${fault.status}:after` : `status:${fault.status}`;
    case "reset":
      return `reset:${fault.when ?? "request"}`;
    case "delay":
      return `delay:${fault.ms}ms`;
  }
}

/**
 * One line for a request: `POST /v1/batches 200 3ms openai`, then the fault if any
 * (`... 429 1ms openai fault=status:429`). Only the path is printed, never a query string (where
 * Gemini clients may put their key) and never a header, so the line is safe to show anywhere.
 *
 * @example
 * createEmulator({ onRequest: (entry) => console.log(formatRequestLogLine(entry)) });
 */
export function formatRequestLogLine(entry: RequestLogEntry): string {
  // The entry may come from elsewhere: strip a query or fragment here too rather than trust it.
  const path = entry.path.replace(/[?#].*$/s, "");
  const parts = [
    entry.method,
    path,
    entry.status === 0 ? "-" : String(entry.status),
    `${Math.round(entry.durationMs)}ms`,
  ];
  if (entry.provider) parts.push(entry.provider);
  if (entry.fault) parts.push(`fault=${entry.fault}`);
  return parts.join(" ");
}

/**
 * Starts the entry of a request when it arrives; the returned function completes it with the
 * answer's status (0 when dropped) and hands it to `onRequest`. Only the path is kept.
 */
export function startEntry(
  onRequest: ((entry: RequestLogEntry) => void) | undefined,
  request: Request,
  provider: EmulatorProvider | undefined,
): (status: number, fault: string | undefined) => void {
  const started = performance.now();
  const method = request.method;
  const path = new URL(request.url).pathname;
  return (status, fault) => {
    onRequest?.({
      method,
      path,
      status,
      durationMs: Math.round(performance.now() - started),
      provider,
      ...(fault ? { fault } : {}),
    });
  };
}
