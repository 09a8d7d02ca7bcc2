// Shared by the scale and reconciliation conformance files: people to extract, an emulator per
// describe block, and checks that every id came back exactly once with the right values.
import { afterAll, beforeAll, expect } from "vitest";
import { z } from "zod";
import { createEmulator, type Emulator, type EmulatorOptions } from "../../src/emulator/index.js";
import type { BatchResult, Conversation } from "../../src/index.js";

export const Person = z.object({ name: z.string(), age: z.number().int(), email: z.string() });
export type Person = z.infer<typeof Person>;

/** `a`, `b`, ..., `z`, `ba`, ...: a surname part the default responder reads as a name. */
function letters(i: number): string {
  let out = "";
  do {
    out = String.fromCharCode(97 + (i % 26)) + out;
    i = Math.floor(i / 26);
  } while (i > 0);
  return out;
}

/** Conversation `i` names person `i`, so every answer can be checked against its position. */
export function personConversation(i: number): Conversation {
  const { name, age, email } = expectedPerson(i);
  return [
    { role: "system", content: "Extract the person." },
    { role: "user", content: `${name} is ${age} years old, ${email}` },
  ];
}

export function personConversations(count: number): Conversation[] {
  return Array.from({ length: count }, (_, i) => personConversation(i));
}

export function expectedPerson(i: number): Person {
  return { name: `Ann K${letters(i)}`, age: 20 + (i % 50), email: `p${i}@x.io` };
}

export const defaultIds = (count: number) =>
  Array.from({ length: count }, (_, i) => `request-${i}`);

/** Starts an emulator on a free port for the enclosing describe block. */
export function useServer(options: EmulatorOptions) {
  const ctx = {} as { emulator: Emulator; url: string };
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ctx.emulator = createEmulator(options);
    const server = await ctx.emulator.listen({ port: 0 });
    ctx.url = server.url;
    close = server.close;
  });
  afterAll(async () => close?.());
  return ctx;
}

/** How often each id came back. */
export function idCounts(results: readonly BatchResult<unknown>[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.customId, (counts.get(r.customId) ?? 0) + 1);
  return counts;
}

/**
 * Every id of `ids` came back exactly once (and nothing else), each a success holding the person
 * of its position.
 */
export function expectEveryPersonOnce(
  results: readonly BatchResult<Person>[],
  ids: readonly string[],
): void {
  expect(results).toHaveLength(ids.length);
  const counts = idCounts(results);
  expect([...counts.keys()].sort()).toEqual([...ids].sort());
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
  const position = new Map(ids.map((id, i) => [id, i]));
  for (const r of results) {
    const i = position.get(r.customId)!;
    expect(r.success ? r.result : r).toEqual(expectedPerson(i));
  }
}

/** `{ id: "success" | errorType }`, for results where every id appears once. */
export function outcomesById(results: readonly BatchResult<unknown>[]): Record<string, string> {
  return Object.fromEntries(results.map((r) => [r.customId, r.success ? "success" : r.errorType]));
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
