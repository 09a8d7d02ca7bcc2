/** A short description of a value for an error message: `"abc"`, `null`, `an array`, `number`. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string")
    return `"${value.length > 40 ? `${value.slice(0, 40)}...` : value}"`;
  return typeof value;
}
