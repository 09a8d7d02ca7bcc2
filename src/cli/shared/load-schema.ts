import { readFile, stat } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import type { JsonSchemaWithValidator, SchemaInput } from "../../schema/types.js";
import { stripBom } from "../../util/strip-bom.js";
import { UsageError } from "./exit-codes.js";

const MODULE_EXTENSIONS = new Set([".js", ".mjs", ".cjs", ".ts", ".mts", ".cts"]);
const TS_EXTENSIONS = new Set([".ts", ".mts", ".cts"]);

const SCHEMA_HINT =
  "Pass a JSON Schema file (schema.json) or a module exporting a Zod/Standard schema (./schema.ts#User)";

async function ensureFile(path: string, spec: string): Promise<void> {
  try {
    if ((await stat(path)).isFile()) return;
  } catch {
    // Reported below.
  }
  throw new UsageError(`--schema ${spec}: no such file`, SCHEMA_HINT);
}

/**
 * A JSON Schema file: sent to the provider as written, and every answer checked against it by
 * Zod's JSON Schema reader (`z.fromJSONSchema`). The value is kept as it came (JSON Schema
 * validates, it does not transform).
 */
async function loadJsonSchemaFile(
  path: string,
  spec: string,
): Promise<JsonSchemaWithValidator<unknown>> {
  let schema: unknown;
  try {
    schema = JSON.parse(stripBom(await readFile(path, "utf8")));
  } catch (error) {
    throw new UsageError(
      `--schema ${spec}: not valid JSON (${(error as Error).message})`,
      SCHEMA_HINT,
    );
  }
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) {
    throw new UsageError(`--schema ${spec}: a JSON Schema must be a JSON object`, SCHEMA_HINT);
  }
  let checker: z.ZodType;
  try {
    checker = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (error) {
    throw new UsageError(
      `--schema ${spec}: cannot read this JSON Schema: ${(error as Error).message}`,
      "Use the JSON Schema keywords of draft 2020-12 (type, properties, required, items, enum, ...)",
    );
  }
  return {
    jsonSchema: schema as Record<string, unknown>,
    validate: (value: unknown) => {
      const checked = checker.safeParse(value);
      if (!checked.success) throw checked.error;
      return value;
    },
  };
}

async function importModule(path: string, spec: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path).href;
  if (TS_EXTENSIONS.has(extname(path))) {
    let tsImport: ((specifier: string, parent: string) => Promise<unknown>) | undefined;
    try {
      ({ tsImport } = (await import("tsx/esm/api")) as { tsImport: typeof tsImport });
    } catch {
      // No tsx: the runtime may load TypeScript itself (Bun, Deno, Node with type stripping).
    }
    try {
      return (await (tsImport ? tsImport(url, import.meta.url) : import(url))) as Record<
        string,
        unknown
      >;
    } catch (error) {
      throw new UsageError(
        `--schema ${spec}: cannot load the module: ${(error as Error).message}`,
        tsImport
          ? "Fix the module, or compile it to .js"
          : "Install tsx (npm install -D tsx) to load .ts schemas, or compile the module to .js",
        { cause: error },
      );
    }
  }
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(
      `--schema ${spec}: cannot load the module: ${(error as Error).message}`,
      "Fix the module",
      {
        cause: error,
      },
    );
  }
}

function isSchemaLike(value: unknown): boolean {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return false;
  return "~standard" in value || ("jsonSchema" in value && "validate" in value);
}

/**
 * Loads `--schema`: `schema.json` (a JSON Schema) or `./module.ts#Export` / `./module.js#Export`
 * (a module exporting a Zod 4 or Standard schema, or `{ jsonSchema, validate }`; without
 * `#Export`, the default export). A missing file or a bad schema is a usage error (exit 2).
 */
export async function loadSchema(spec: string): Promise<SchemaInput<unknown>> {
  const hash = spec.lastIndexOf("#");
  const file = hash === -1 ? spec : spec.slice(0, hash);
  const exportName = hash === -1 ? undefined : spec.slice(hash + 1);
  const path = resolve(file);
  await ensureFile(path, spec);
  if (!MODULE_EXTENSIONS.has(extname(path))) {
    if (exportName !== undefined) {
      throw new UsageError(
        `--schema ${spec}: #${exportName} names an export, but ${file} is not a module`,
        SCHEMA_HINT,
      );
    }
    return loadJsonSchemaFile(path, spec);
  }
  const mod = await importModule(path, spec);
  const name = exportName || "default";
  const value = mod[name];
  if (!isSchemaLike(value)) {
    const candidates = Object.keys(mod).filter((key) => isSchemaLike(mod[key]));
    throw new UsageError(
      value === undefined
        ? `--schema ${spec}: the module has no export "${name}"`
        : `--schema ${spec}: the export "${name}" is not a Zod/Standard schema or { jsonSchema, validate }`,
      candidates.length > 0
        ? `Schemas it exports: ${candidates.map((key) => `${file}#${key}`).join(", ")}`
        : SCHEMA_HINT,
    );
  }
  return value as SchemaInput<unknown>;
}
