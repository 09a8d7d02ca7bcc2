import { findEnumValue, findFacts, type TextFacts } from "./text-facts.js";

type Schema = Record<string, unknown>;

/** `found`: the value came from the text (not a placeholder); `stop`: recursion had to be cut. */
interface Generated {
  value: unknown;
  found: boolean;
  stop?: boolean;
}

const MAX_DEPTH = 32;
const NOTHING: Generated = { value: null, found: false };

const FORMAT_PLACEHOLDERS: Record<string, string> = {
  "date-time": "2024-01-01T00:00:00Z",
  date: "2024-01-01",
  time: "00:00:00",
  duration: "P1D",
  uri: "https://example.com",
  url: "https://example.com",
  hostname: "example.com",
  ipv4: "127.0.0.1",
  ipv6: "::1",
  uuid: "00000000-0000-4000-8000-000000000000",
};

/**
 * A deterministic value satisfying `schema` (the subset OpenAI strict mode allows, plus a little),
 * filled from `text` where a simple rule finds something: e-mails, names, ages, numbers, enum values.
 */
export function generateFromSchema(schema: unknown, text: string): unknown {
  return new SchemaAnswer(schema, findFacts(text)).generate(schema, undefined).value;
}

class SchemaAnswer {
  private emailCursor = 0;
  private nameCursor = 0;
  private numberCursor = 0;
  private readonly usedNumbers = new Set<number>();
  // The root counts as being expanded, so a "#" reference inside it is already recursion.
  private readonly refStack: string[] = ["#"];
  private depth = 0;

  constructor(
    private readonly root: unknown,
    private readonly facts: TextFacts,
  ) {}

  generate(schema: unknown, key: string | undefined): Generated {
    if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return NOTHING;
    if (this.depth > MAX_DEPTH) return { ...NOTHING, stop: true };
    this.depth++;
    try {
      return this.generateObjectSchema(schema as Schema, key);
    } finally {
      this.depth--;
    }
  }

  private generateObjectSchema(s: Schema, key: string | undefined): Generated {
    if (typeof s.$ref === "string") return this.reference(s.$ref, key);
    if ("const" in s) return { value: s.const, found: true };
    if (Array.isArray(s.enum)) return this.enumeration(s.enum);
    const alternatives = s.anyOf ?? s.oneOf;
    if (Array.isArray(alternatives)) return this.alternatives(alternatives, key);
    if (Array.isArray(s.allOf)) return this.generate(mergeAllOf(s), key);
    if (s.nullable === true) return this.orNull({ ...s, nullable: false }, key);
    const type = s.type;
    if (Array.isArray(type)) {
      const nonNull = type.filter((t) => t !== "null");
      if (nonNull.length === 0) return NOTHING;
      const single = { ...s, type: nonNull[0] };
      return nonNull.length < type.length ? this.orNull(single, key) : this.generate(single, key);
    }
    switch (type) {
      case "object":
        return this.object(s);
      case "array":
        return this.array(s, key);
      case "string":
        return this.string(s, key);
      case "integer":
      case "number":
        return this.number(s, key, type === "integer");
      case "boolean":
        return { value: false, found: false };
      case "null":
        return NOTHING;
    }
    if (isRecord(s.properties)) return this.object(s);
    if (s.items !== undefined) return this.array(s, key);
    return NOTHING;
  }

  /** Nullable: null unless the text supplied something. */
  private orNull(schema: Schema, key: string | undefined): Generated {
    const generated = this.generate(schema, key);
    return generated.found && !generated.stop ? generated : NOTHING;
  }

  private reference(ref: string, key: string | undefined): Generated {
    if (this.refStack.includes(ref)) return { ...NOTHING, stop: true };
    const target = resolvePointer(this.root, ref);
    if (target === undefined) return NOTHING;
    this.refStack.push(ref);
    try {
      return this.generate(target, key);
    } finally {
      this.refStack.pop();
    }
  }

  private enumeration(values: unknown[]): Generated {
    const match = findEnumValue(this.facts.text, values);
    if (match !== undefined) return { value: match, found: true };
    if (values.includes(null)) return NOTHING;
    return { value: values[0] ?? null, found: false };
  }

  private alternatives(branches: unknown[], key: string | undefined): Generated {
    const isNull = (b: unknown) => isRecord(b) && b.type === "null";
    const nullable = branches.some(isNull);
    let fallback: Generated | undefined;
    for (const branch of branches.filter((b) => !isNull(b))) {
      const generated = this.generate(branch, key);
      if (generated.stop) continue;
      if (generated.found) return generated;
      fallback ??= generated;
    }
    if (nullable) return NOTHING;
    return fallback ?? { ...NOTHING, stop: true };
  }

  private object(s: Schema): Generated {
    const out: Record<string, unknown> = {};
    let found = false;
    const properties = isRecord(s.properties) ? s.properties : {};
    // Non-strict schemas (Anthropic's) may list only some properties as required: an optional
    // one the text says nothing about is left out, as a model would, rather than invented.
    // Without any `required` list every property is filled, as before.
    const required = Array.isArray(s.required) ? new Set(s.required) : undefined;
    for (const [name, sub] of Object.entries(properties)) {
      const generated = this.generate(sub, name);
      if (required && !required.has(name) && !generated.found) continue;
      out[name] = generated.value;
      found ||= generated.found;
    }
    return { value: out, found };
  }

  private array(s: Schema, key: string | undefined): Generated {
    const min = typeof s.minItems === "number" ? s.minItems : 0;
    const max = typeof s.maxItems === "number" ? s.maxItems : Number.POSITIVE_INFINITY;
    const count = Math.min(Math.max(min, 1), max);
    if (!isRecord(s.items)) return { value: [], found: false };
    const items: unknown[] = [];
    let found = false;
    for (let i = 0; i < count; i++) {
      const generated = this.generate(s.items, key);
      // A recursive item type ends the recursion with an empty list.
      if (generated.stop) return { value: [], found: false };
      items.push(generated.value);
      found ||= generated.found;
    }
    return { value: items, found };
  }

  private string(s: Schema, key: string | undefined): Generated {
    const words = keyWords(key);
    const format = typeof s.format === "string" ? s.format : undefined;
    let generated: Generated | undefined;
    if (format === "email" || words.some((w) => w === "email" || w === "mail")) {
      const email = this.facts.emails[this.emailCursor];
      if (email !== undefined) {
        this.emailCursor++;
        generated = { value: email, found: true };
      } else {
        generated = { value: "user@example.com", found: false };
      }
    } else if (isPersonNameKey(words)) {
      generated = this.name(words);
    }
    if (!generated) {
      const placeholder =
        (format && FORMAT_PLACEHOLDERS[format]) ?? (key ? `example ${key}` : "example");
      generated = { value: placeholder, found: false };
    }
    return { ...generated, value: fitLength(String(generated.value), s) };
  }

  /** A person's name found in the text, or undefined (then the generic placeholder applies). */
  private name(words: string[]): Generated | undefined {
    const full = this.facts.names[this.nameCursor];
    if (full === undefined) return undefined;
    const joined = words.join("");
    const first = joined.includes("firstname") || joined.includes("givenname");
    const last =
      joined.includes("lastname") || joined.includes("surname") || joined.includes("familyname");
    const parts = full.split(" ");
    // A first name does not consume the person: the last name that follows belongs to them too.
    if (first) return { value: parts[0], found: true };
    this.nameCursor++;
    return { value: last ? parts[parts.length - 1] : full, found: true };
  }

  private number(s: Schema, key: string | undefined, integer: boolean): Generated {
    const { numbers, ageStart } = this.facts;
    let fact =
      keyWords(key).includes("age") && ageStart !== undefined && !this.usedNumbers.has(ageStart)
        ? numbers.find((n) => n.start === ageStart)
        : undefined;
    // Numbers are only ever added to the used set, so the first unused one never moves back:
    // a cursor keeps a schema with many number fields linear in the count of numbers.
    while (
      this.numberCursor < numbers.length &&
      this.usedNumbers.has(numbers[this.numberCursor]!.start)
    ) {
      this.numberCursor++;
    }
    fact ??= numbers[this.numberCursor];
    if (fact) {
      this.usedNumbers.add(fact.start);
      return {
        value: clamp(integer ? Math.round(fact.value) : fact.value, s, integer),
        found: true,
      };
    }
    return { value: clamp(0, s, integer), found: false };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const NOT_PERSON = new Set(
  "file path host domain class type tag company product organization organisation org brand city country street store project team model".split(
    " ",
  ),
);

function isPersonNameKey(words: string[]): boolean {
  return (
    words.some((w) => w.endsWith("name")) &&
    !words.some((w) => NOT_PERSON.has(w.replace(/name$/, "")))
  );
}

/** "userEmail", "user_email", "User-Email" -> ["user", "email"]. */
function keyWords(key: string | undefined): string[] {
  if (!key) return [];
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function resolvePointer(root: unknown, ref: string): unknown {
  if (ref === "#") return root;
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split("/")) {
    const segment = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isRecord(node)) return undefined;
    node = node[segment];
  }
  return node;
}

function mergeAllOf(s: Schema): Schema {
  const { allOf, ...rest } = s;
  const merged: Schema = { ...rest };
  for (const part of allOf as unknown[]) {
    if (!isRecord(part)) continue;
    const properties = { ...(isRecord(merged.properties) ? merged.properties : {}) };
    Object.assign(properties, isRecord(part.properties) ? part.properties : {});
    Object.assign(merged, part, { properties });
  }
  return merged;
}

function clamp(value: number, s: Schema, integer: boolean): number {
  let v = value;
  const step = integer ? 1 : Number.EPSILON;
  if (typeof s.minimum === "number") v = Math.max(v, s.minimum);
  if (typeof s.exclusiveMinimum === "number" && v <= s.exclusiveMinimum)
    v = s.exclusiveMinimum + step;
  if (typeof s.maximum === "number") v = Math.min(v, s.maximum);
  if (typeof s.exclusiveMaximum === "number" && v >= s.exclusiveMaximum)
    v = s.exclusiveMaximum - step;
  return integer ? Math.ceil(v) : v;
}

function fitLength(value: string, s: Schema): string {
  let v = value;
  if (typeof s.minLength === "number" && v.length < s.minLength) v = v.padEnd(s.minLength, "x");
  if (typeof s.maxLength === "number" && v.length > s.maxLength) v = v.slice(0, s.maxLength);
  return v;
}
