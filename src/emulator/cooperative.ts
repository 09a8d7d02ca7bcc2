/**
 * The longest stretch of synchronous batch work before a listening emulator lets other
 * requests in. Short enough that a client polling another batch is answered at once, long
 * enough that the turns cost nothing measurable.
 */
const SLICE_MS = 10;

/** A macrotask turn: pending I/O (other clients' requests) runs before the work goes on. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    // setImmediate runs right after I/O in Node and Bun; a zero timeout elsewhere (workerd).
    if (typeof globalThis.setImmediate === "function") globalThis.setImmediate(resolve);
    else setTimeout(resolve, 0);
  });
}

/**
 * Starts `run` for every item, in order, without waiting for one to finish before starting the
 * next (a responder that calls out, like `forwardResponder`, sets its own concurrency), and
 * resolves when all have finished. Every ~10 ms of work it gives the event loop a turn, so one
 * batch of large requests does not stall every other client of the emulator until it is done.
 *
 * @example
 * await runCooperatively(dueRequests, (i) => this.settle(record, i));
 */
export async function runCooperatively<T>(
  items: Iterable<T>,
  run: (item: T) => Promise<void>,
): Promise<void> {
  const started: Promise<void>[] = [];
  let sliceStart = performance.now();
  for (const item of items) {
    const work = run(item);
    // Seen by Promise.all below; this only keeps an early failure from counting as unhandled.
    work.catch(() => undefined);
    started.push(work);
    // One microtask turn, so that a synchronous responder's answer is computed now and its
    // time counts in this slice, not after it.
    await Promise.resolve();
    if (performance.now() - sliceStart >= SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  await Promise.all(started);
}

/**
 * For a loop over a whole batch (validating its lines, writing its results): `due()` says when
 * the loop has run a slice of ~10 ms, `turn()` gives the event loop its turn.
 *
 * @example
 * const pacer = new Pacer();
 * for (const line of lines) {
 *   out.push(JSON.stringify(line));
 *   if (pacer.due()) await pacer.turn();
 * }
 */
export class Pacer {
  #sliceStart = performance.now();

  due(): boolean {
    return performance.now() - this.#sliceStart >= SLICE_MS;
  }

  async turn(): Promise<void> {
    await yieldToEventLoop();
    this.#sliceStart = performance.now();
  }
}
