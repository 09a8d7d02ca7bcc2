import type { InputIssue } from "../errors/invalid-argument-error.js";
import { InvalidMessagesError } from "../errors/invalid-messages-error.js";
import { checkFilePart } from "./check-file-part.js";
import { checkImageUrl } from "./check-image-url.js";
import { type ContentPartRules, formatBytes } from "./content-part-rules.js";
import { parseImageUrl } from "./image-url.js";
import type { Conversation } from "./types.js";

export { type CheckedImage, checkImageUrl } from "./check-image-url.js";

/** Empty or only whitespace; stops at the first other character instead of copying a trim. */
function isBlank(text: string): boolean {
  return !/\S/.test(text);
}

// As for the shapes: 100,000 bad parts make 50 issues, not 100,000.
const MAX_ISSUES = 50;

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
  let documentBytes = 0;
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
      let category: "image" | "document" = "image";
      let checked: { inlineBytes: number } | { code: string; message: string; at: string[] };
      if (part.type === "image_url") {
        const image = checkImageUrl(part.image_url.url, rules);
        checked =
          "code" in image
            ? { ...image, at: ["image_url", "url"] }
            : { inlineBytes: image.decodedBytes };
      } else {
        const file = checkFilePart(part, rules);
        if ("code" in file) checked = { ...file, at: [file.at] };
        else ({ category, ...checked } = file);
      }
      const roles = category === "image" ? rules.imageRoles : rules.documentRoles;
      if (!roles.has(role)) {
        issues.push({
          code: "unsupported_content_part",
          path: path(),
          message: `${rules.label} takes ${category === "image" ? "images" : "documents"} only in ${[...roles].join(" and ")} messages, not in ${role} messages`,
        });
        continue;
      }
      if ("code" in checked) {
        const { at, ...issue } = checked;
        issues.push({ ...issue, path: [...path(), ...at] });
      } else if (category === "image") {
        images++;
        inlineBytes += checked.inlineBytes;
      } else {
        documentBytes += checked.inlineBytes;
        if (rules.inlineBytesIncludeDocuments) inlineBytes += checked.inlineBytes;
      }
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
      message: `the conversation's inline ${rules.inlineBytesIncludeDocuments ? "files" : "images"} total ${inlineBytes} bytes; ${rules.label} takes at most ${formatBytes(maxInline)} per request (send large ones by URL)`,
    });
  }
  if (documentBytes > rules.maxDocumentBytesPerRequest) {
    issues.push({
      code: "documents_too_large",
      path: [index],
      message: `the conversation's inline documents total ${documentBytes} bytes; ${rules.label} takes at most ${formatBytes(rules.maxDocumentBytesPerRequest)} per request`,
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
