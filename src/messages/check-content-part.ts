import type { InputIssue } from "../errors/invalid-argument-error.js";
import { pushUnknownKeyIssues } from "../util/unknown-keys.js";
import { IMAGE_DETAILS } from "./content-part-rules.js";
import { describe } from "./describe-value.js";

const TEXT_KEYS = new Set(["type", "text"]);
const IMAGE_KEYS = new Set(["type", "image_url"]);
const IMAGE_URL_KEYS = new Set(["url", "detail"]);
const FILE_KEYS = new Set(["type", "url", "mediaType", "filename"]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function unknownKeys(
  object: Record<string, unknown>,
  allowed: Set<string>,
  path: (string | number)[],
  issues: InputIssue[],
): void {
  pushUnknownKeyIssues(
    object,
    allowed,
    path,
    "unknown_part_key",
    (key) => `unknown field "${key}" (allowed: ${[...allowed].join(", ")})`,
    issues,
  );
}

function checkImagePart(
  part: Record<string, unknown>,
  path: (string | number)[],
  issues: InputIssue[],
): void {
  const imageUrl = part.image_url;
  if (typeof imageUrl === "string") {
    issues.push({
      code: "invalid_content_part",
      path: [...path, "image_url"],
      message: `"image_url" must be an object { url, detail? }, not a string: write { image_url: { url: "..." } }`,
    });
    return;
  }
  if (!isObject(imageUrl)) {
    issues.push({
      code: "invalid_content_part",
      path: [...path, "image_url"],
      message: `an image_url part needs an "image_url" object { url, detail? }, got ${describe(imageUrl)}`,
    });
    return;
  }
  const { url, detail } = imageUrl;
  if (typeof url !== "string" || url === "") {
    issues.push({
      code: "invalid_content_part",
      path: [...path, "image_url", "url"],
      message: `an image_url part needs a non-empty "image_url.url" string, got ${describe(url)}`,
    });
  }
  if (detail !== undefined && !IMAGE_DETAILS.includes(detail as string)) {
    issues.push({
      code: "invalid_image_detail",
      path: [...path, "image_url", "detail"],
      message: `detail must be ${IMAGE_DETAILS.map((d) => `"${d}"`).join(", ")} or absent, got ${describe(detail)}`,
    });
  }
  unknownKeys(imageUrl, IMAGE_URL_KEYS, [...path, "image_url"], issues);
}

function checkFileShape(
  part: Record<string, unknown>,
  path: (string | number)[],
  issues: InputIssue[],
): void {
  if (typeof part.url !== "string" || part.url === "") {
    issues.push({
      code: "invalid_content_part",
      path: [...path, "url"],
      message: `a file part needs a non-empty "url" string (data:application/pdf;base64,... or https://...), got ${describe(part.url)}`,
    });
  }
  for (const key of ["mediaType", "filename"]) {
    const value = part[key];
    if (value !== undefined && (typeof value !== "string" || value === "")) {
      issues.push({
        code: "invalid_content_part",
        path: [...path, key],
        message: `"${key}" must be a non-empty string or absent, got ${describe(value)}`,
      });
    }
  }
  unknownKeys(part, FILE_KEYS, path, issues);
}

/**
 * The shape of one content part, the same on every provider: `{ type: "text", text }` with a
 * string, `{ type: "image_url", image_url: { url, detail? } }` or
 * `{ type: "file", url, mediaType?, filename? }`, and no other field. What a
 * provider accepts beyond the shape (URL schemes, media types, sizes) is checked by
 * `contentPartIssues` with that provider's rules.
 */
export function checkContentPart(
  part: unknown,
  path: (string | number)[],
  issues: InputIssue[],
): void {
  if (!isObject(part)) {
    issues.push({
      code: "invalid_content_part",
      path,
      message: `expected a content part object, got ${describe(part)}`,
    });
    return;
  }
  if (part.type === "text") {
    if (typeof part.text !== "string") {
      issues.push({
        code: "invalid_content_part",
        path: [...path, "text"],
        message: `a text part needs a string "text", got ${describe(part.text)}`,
      });
    }
    unknownKeys(part, TEXT_KEYS, path, issues);
  } else if (part.type === "image_url") {
    checkImagePart(part, path, issues);
    unknownKeys(part, IMAGE_KEYS, path, issues);
  } else if (part.type === "file") {
    checkFileShape(part, path, issues);
  } else {
    issues.push({
      code: "invalid_content_part",
      path: [...path, "type"],
      message: `content part type must be "text", "image_url" or "file", got ${describe(part.type)}`,
    });
  }
}
