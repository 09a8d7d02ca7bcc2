/** Reads an environment variable where there is one (Node, Bun, Deno with --allow-env); edge runtimes have none. */
export function readEnv(name: string): string | undefined {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  try {
    const value = proc?.env?.[name];
    return value === undefined || value === "" ? undefined : value;
  } catch {
    // Deno without --allow-env throws on access.
    return undefined;
  }
}
