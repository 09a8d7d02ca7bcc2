import { describe, expect, it } from "vitest";
import { contentPartIssues } from "./content-part-issues.js";
import {
  ANTHROPIC_CONTENT_RULES,
  type ContentPartRules,
  GEMINI_CONTENT_RULES,
  OPENAI_CONTENT_RULES,
} from "./content-part-rules.js";
import { filePart, resolveFilePart } from "./resolve-file-part.js";
import { dataUrl, IMAGES } from "./test-support/images.js";
import { makePdf } from "./test-support/pdf.js";
import type { Conversation, FileContentPart } from "./types.js";
import { validateMessagesList } from "./validate-messages.js";

const PDF = makePdf("Total: 12.50");
const ALL: ContentPartRules[] = [
  OPENAI_CONTENT_RULES,
  ANTHROPIC_CONTENT_RULES,
  GEMINI_CONTENT_RULES,
];

function withPart(part: unknown, role: "user" | "system" | "assistant" = "user"): Conversation {
  return [{ role, content: [{ type: "text", text: "Extract." }, part as FileContentPart] }];
}

/** A base64 PDF payload of `bytes` decoded bytes: a header, then zeros. */
function pdfOfSize(bytes: number): string {
  const head = "JVBERi0x"; // "%PDF-1"
  const rest = bytes - 6;
  return `${head}${"A".repeat(Math.floor(rest / 3) * 4)}${["", "AA==", "AAA="][rest % 3]}`;
}

describe("file parts under each provider's rules", () => {
  it.each(ALL.map((r) => [r.label, r] as const))(
    "%s takes an inline PDF and an inline image",
    (_, rules) => {
      const conversation = withPart({
        type: "file",
        url: dataUrl("application/pdf", PDF),
        filename: "a.pdf",
      });
      expect(contentPartIssues(conversation, 0, rules)).toEqual([]);
      expect(
        contentPartIssues(
          withPart({ type: "file", url: dataUrl("image/png", IMAGES.png) }),
          0,
          rules,
        ),
      ).toEqual([]);
      expect(
        contentPartIssues(
          withPart({
            type: "file",
            url: "https://example.com/a.pdf",
            mediaType: "application/pdf",
          }),
          0,
          rules,
        ),
      ).toEqual([]);
    },
  );

  it("refuses what is not a PDF, a type no provider takes, and a URL without a media type", () => {
    const [notPdf] = contentPartIssues(
      withPart({ type: "file", url: dataUrl("application/pdf", IMAGES.png) }),
      2,
      OPENAI_CONTENT_RULES,
    );
    expect(notPdf).toMatchObject({
      code: "unsupported_file_data",
      path: [2, 0, "content", 1, "url"],
    });
    const [docx] = contentPartIssues(
      withPart({ type: "file", url: dataUrl("application/msword", "AAAA") }),
      0,
      ANTHROPIC_CONTENT_RULES,
    );
    expect(docx).toMatchObject({ code: "unsupported_file_type" });
    expect(docx!.message).toContain("application/pdf");
    const [noType] = contentPartIssues(
      withPart({ type: "file", url: "https://example.com/x" }),
      0,
      GEMINI_CONTENT_RULES,
    );
    expect(noType).toMatchObject({
      code: "missing_media_type",
      path: [0, 0, "content", 1, "mediaType"],
    });
    const [mismatch] = contentPartIssues(
      withPart({ type: "file", url: dataUrl("application/pdf", PDF), mediaType: "image/png" }),
      0,
      GEMINI_CONTENT_RULES,
    );
    expect(mismatch).toMatchObject({ code: "media_type_mismatch" });
    const [bad64] = contentPartIssues(
      withPart({ type: "file", url: "data:application/pdf;base64,JVBER!i0x" }),
      0,
      GEMINI_CONTENT_RULES,
    );
    expect(bad64).toMatchObject({ code: "invalid_base64" });
  });

  it("takes gs: document URLs on Gemini only", () => {
    const part = { type: "file", url: "gs://bucket/a.pdf", mediaType: "application/pdf" };
    expect(contentPartIssues(withPart(part), 0, GEMINI_CONTENT_RULES)).toEqual([]);
    const [issue] = contentPartIssues(withPart(part), 0, ANTHROPIC_CONTENT_RULES);
    expect(issue).toMatchObject({ code: "unsupported_file_url_scheme" });
    // A signed URL's query never reaches the message.
    const [signed] = contentPartIssues(
      withPart({ ...part, url: "ftp://host/a.pdf?sig=SECRET" }),
      0,
      OPENAI_CONTENT_RULES,
    );
    expect(signed!.message).not.toContain("SECRET");
  });

  it("refuses documents in system messages, per provider roles", () => {
    const part = { type: "file", url: dataUrl("application/pdf", PDF) };
    const [issue] = contentPartIssues(withPart(part, "system"), 0, OPENAI_CONTENT_RULES);
    expect(issue).toMatchObject({ code: "unsupported_content_part" });
    expect(issue!.message).toContain("documents only in user messages");
  });

  it("checks the size of one document and of all of one request's documents", () => {
    const mib = 1024 * 1024;
    const big = { type: "file", url: dataUrl("application/pdf", pdfOfSize(32 * mib + 1)) };
    const [tooBig] = contentPartIssues(withPart(big), 0, ANTHROPIC_CONTENT_RULES);
    expect(tooBig).toMatchObject({ code: "file_too_large" });
    expect(tooBig!.message).toContain("32 MiB");
    const half = { type: "file", url: dataUrl("application/pdf", pdfOfSize(17 * mib)) };
    const two: Conversation = [
      { role: "user", content: [half as FileContentPart, half as FileContentPart] },
    ];
    expect(contentPartIssues(two, 0, OPENAI_CONTENT_RULES)).toMatchObject([
      { code: "documents_too_large", path: [0] },
    ]);
    // Gemini takes 50 MiB per PDF, and counts documents in its 100 MiB of inline data.
    expect(contentPartIssues(two, 0, GEMINI_CONTENT_RULES)).toEqual([]);
  });
});

describe("filePart and resolveFilePart", () => {
  it("encode bytes of any length exactly, in slices", () => {
    for (const length of [0, 1, 2, 3, 24_575, 24_576, 24_577, 100_000]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 7 + 3) % 256);
      const part = filePart(bytes, { mediaType: "application/pdf", filename: "x.pdf" });
      const resolved = resolveFilePart(part, OPENAI_CONTENT_RULES);
      expect(resolved).toMatchObject({
        kind: "inline",
        mediaType: "application/pdf",
        category: "document",
        filename: "x.pdf",
      });
      const back = atob((resolved as { data: string }).data);
      expect(back.length).toBe(length);
      expect([...back].every((c, i) => c.charCodeAt(0) === bytes[i])).toBe(true);
    }
  });

  it("resolves image aliases and remote files", () => {
    expect(
      resolveFilePart(
        { type: "file", url: dataUrl("image/jpg", IMAGES.jpeg) },
        ANTHROPIC_CONTENT_RULES,
      ),
    ).toMatchObject({ kind: "inline", mediaType: "image/jpeg", category: "image" });
    expect(
      resolveFilePart(
        { type: "file", url: "gs://b/a.pdf", mediaType: "Application/PDF" },
        GEMINI_CONTENT_RULES,
      ),
    ).toEqual({
      kind: "remote",
      url: "gs://b/a.pdf",
      mediaType: "application/pdf",
      category: "document",
      filename: undefined,
    });
  });
});

describe("file part shape", () => {
  it("names a missing url, a bad filename and an unknown key", () => {
    const messages = [withPart({ type: "file", filename: 3, path: "./a.pdf" })];
    let issues: { code: string; path: unknown[] }[] = [];
    try {
      validateMessagesList(messages);
    } catch (error) {
      issues = (error as { issues: typeof issues }).issues;
    }
    expect(issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["invalid_content_part", "0.0.content.1.url"],
      ["invalid_content_part", "0.0.content.1.filename"],
      ["unknown_part_key", "0.0.content.1.path"],
    ]);
  });
});
