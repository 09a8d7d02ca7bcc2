import type { InputIssue } from "../errors/invalid-argument-error.js";
import { InvalidMessagesError } from "../errors/invalid-messages-error.js";
import { describeBase64Problem, scanBase64, sniffImageType } from "./base64-payload.js";
import { type ContentPartRules, formatBytes } from "./content-part-rules.js";
import { parseImageUrl } from "./image-url.js";
import type { Conversation } from "./types.js";

/** An image part that passed the provider's rules, in the form a converter needs. */
export type CheckedImage =
  | { kind: "remote"; url: string }
  | { kind: "inline"; mediaType: string; dataStart: number };

/** Empty or only whitespace; stops at the first other character instead of copying a trim. */
function isBlank(text: string): boolean {
  return !/\S/.test(text);
}

// As for the shapes: 100,000 bad parts make 50 issues, not 100,000.
const MAX_ISSUES = 50;

/**
 * The URL for a message, without what may be a secret (signed URLs carry their signature in the
 * query, some carry `user:password@`), and cut at 60 characters.
 */
function shortUrl(url: string): string {
  let shown = url.length > 200 ? url.slice(0, 200) : url;
  if (!/^data:/i.test(shown)) {
    shown = shown
      .replace(/[?#].*$/s, "?...")
      .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, "$1...@");
  }
  return JSON.stringify(shown.length > 60 ? `${shown.slice(0, 60)}...` : shown);
}

/**
 * Checks one image URL against a provider's rules. Returns the image, or the issue (without a
 * path: the caller knows it). Linear in the URL: the payload is scanned once, where it lies.
 */
export function checkImageUrl(
  url: string,
  rules: ContentPartRules,
): { image: CheckedImage; decodedBytes: number } | { code: string; message: string } {
  const parsed = parseImageUrl(url);
  const schemes = () => [...rules.urlSchemes.map((s) => `${s}//`), "data:"].join(", ");
  if (parsed.kind === "no_scheme") {
    return {
      code: "invalid_image_url",
      message: `image URL ${shortUrl(url)} has no scheme; ${rules.label} takes ${schemes()} URLs`,
    };
  }
  if (parsed.kind === "remote") {
    if (!rules.urlSchemes.includes(parsed.scheme)) {
      return {
        code: "unsupported_image_url_scheme",
        message: `${rules.label} cannot fetch ${parsed.scheme} URLs (${shortUrl(url)}); it takes ${schemes()} URLs`,
      };
    }
    if (!parsed.wellFormed) {
      return {
        code: "invalid_image_url",
        message: `image URL ${shortUrl(url)} is not a valid URL with a host`,
      };
    }
    return { image: { kind: "remote", url }, decodedBytes: 0 };
  }
  if (parsed.mediaType === "" || !parsed.base64) {
    return {
      code: "invalid_data_url",
      message: `a data: URL needs a media type and base64 data (data:image/png;base64,...), got ${shortUrl(url)}`,
    };
  }
  const mediaType = rules.mediaTypeAliases[parsed.mediaType] ?? parsed.mediaType;
  if (!rules.mediaTypes.includes(mediaType)) {
    return {
      code: "unsupported_image_type",
      message: `${rules.label} takes ${rules.mediaTypes.join(", ")} images, got "${parsed.mediaType}"`,
    };
  }
  const scan = scanBase64(url, parsed.dataStart, parsed.dataEnd);
  if (!scan.ok) {
    return {
      code: scan.problem.kind === "empty" ? "empty_image_data" : "invalid_base64",
      message: `the data: URL's payload is not valid base64: ${describeBase64Problem(scan.problem)}`,
    };
  }
  const { bytes, of } = rules.maxImageSize;
  const size = of === "base64" ? parsed.dataEnd - parsed.dataStart : scan.decodedBytes;
  if (size > bytes) {
    const what = of === "base64" ? "base64 characters" : "bytes";
    return {
      code: "image_too_large",
      message: `the image is ${size} ${what}; ${rules.label} takes at most ${formatBytes(bytes)} per image${of === "base64" ? " (measured on the base64 text)" : ""}`,
    };
  }
  const sniffed = sniffImageType(url, parsed.dataStart, parsed.dataEnd);
  if (sniffed === undefined || !rules.mediaTypes.includes(sniffed)) {
    return {
      code: "unsupported_image_data",
      message: `the data is not a ${rules.mediaTypes.join(", ")} image${sniffed ? ` (it is ${sniffed})` : " (its first bytes match no image format)"}`,
    };
  }
  if (rules.bytesMustMatchMediaType && sniffed !== mediaType) {
    return {
      code: "image_type_mismatch",
      message: `the data is ${sniffed} but the data: URL says ${mediaType}; ${rules.label} refuses a wrong media type`,
    };
  }
  return {
    image: { kind: "inline", mediaType, dataStart: parsed.dataStart },
    decodedBytes: scan.decodedBytes,
  };
}

/**
 * Every content-part problem of one conversation under a provider's rules, with paths that
 * start at the conversation's index: `[3, 1, "content", 2, "image_url", "url"]`. The shapes
 * (part types, keys, `detail`) were checked by `validateMessagesList` before.
 */
export function contentPartIssues(
  conversation: Conversation,
  index: number,
  rules: ContentPartRules,
): InputIssue[] {
  const issues: InputIssue[] = [];
  let images = 0;
  let inlineBytes = 0;
  for (let m = 0; m < conversation.length && issues.length < MAX_ISSUES; m++) {
    const { role, content, name } = conversation[m]!;
    if (name !== undefined && rules.namePattern && !rules.namePattern.test(name)) {
      issues.push({
        code: "invalid_name",
        path: [index, m, "name"],
        message: `${rules.label} takes a name without spaces or any of <|\\/>, got ${JSON.stringify(name.slice(0, 40))}`,
      });
    }
    if (typeof content === "string") {
      if (rules.rejectBlankText && role !== "system" && isBlank(content)) {
        issues.push({
          code: "empty_content",
          path: [index, m, "content"],
          message: `${rules.label} refuses messages that are empty or only whitespace`,
        });
      }
      continue;
    }
    for (let p = 0; p < content.length && issues.length < MAX_ISSUES; p++) {
      const part = content[p]!;
      const path = () => [index, m, "content", p];
      if (part.type === "text") {
        if (rules.rejectBlankText && isBlank(part.text)) {
          issues.push({
            code: "empty_content",
            path: [...path(), "text"],
            message: `${rules.label} refuses text parts that are empty or only whitespace`,
          });
        }
        continue;
      }
      if (!rules.imageRoles.has(role)) {
        issues.push({
          code: "unsupported_content_part",
          path: path(),
          message: `${rules.label} takes images only in ${[...rules.imageRoles].join(" and ")} messages, not in ${role} messages`,
        });
        continue;
      }
      images++;
      const url = part.type === "image_url" ? part.image_url.url : part.url;
      const checked = checkImageUrl(url, rules);
      const at = part.type === "image_url" ? ["image_url", "url"] : ["url"];
      if ("code" in checked) issues.push({ ...checked, path: [...path(), ...at] });
      else inlineBytes += checked.decodedBytes;
    }
  }
  if (images > rules.maxImagesPerRequest) {
    issues.push({
      code: "too_many_images",
      path: [index],
      message: `the conversation has ${images} images; ${rules.label} takes at most ${rules.maxImagesPerRequest} per request`,
    });
  }
  const maxInline = rules.maxInlineBytesPerRequest;
  if (maxInline !== undefined && inlineBytes > maxInline) {
    issues.push({
      code: "inline_images_too_large",
      path: [index],
      message: `the conversation's inline images total ${inlineBytes} bytes; ${rules.label} takes at most ${formatBytes(maxInline)} per request (send large images by URL)`,
    });
  }
  return issues;
}

/**
 * The media type (alias resolved) and payload of a `data:` URL that `contentPartIssues` has
 * passed; reads the header only.
 */
export function inlineImage(
  url: string,
  rules: ContentPartRules,
): { mediaType: string; data: string } {
  const parsed = parseImageUrl(url);
  if (parsed.kind !== "data") throw new TypeError("inlineImage takes a checked data: URL");
  return {
    mediaType: rules.mediaTypeAliases[parsed.mediaType] ?? parsed.mediaType,
    data: url.slice(parsed.dataStart),
  };
}

/** Throws the conversation's issues, each naming the request, as one InvalidMessagesError. */
export function throwIfIssues(issues: InputIssue[], customId: string): void {
  if (issues.length === 0) return;
  for (const issue of issues) issue.message += ` (request "${customId}")`;
  throw new InvalidMessagesError(issues);
}
