import type { Hono } from "hono";
import type { EmulatorContext } from "../context.js";
import { mistralError, mistralJson } from "./errors.js";
import { fileToWire } from "./file-wire.js";
import type { MistralEnv } from "./routes.js";

/** The Files API holds files up to 512 MB (docs.mistral.ai/api, files upload). */
const noSuchFile = (id: string) => mistralError(404, `File ${id} not found.`);

export function registerMistralFileRoutes(app: Hono<MistralEnv>, ctx: EmulatorContext): void {
  app.post("/v1/files", async (c) => {
    const now = c.get("now");
    let form: FormData;
    try {
      form = await c.req.raw.formData();
    } catch {
      return mistralError(422, "The request body must be multipart/form-data with a 'file' part.");
    }
    const file = form.get("file");
    const purpose = form.get("purpose") ?? "fine-tune";
    if (!(file instanceof Blob)) return mistralError(422, "Field required: file");
    if (purpose !== "batch") {
      // The emulator serves batch input only; other purposes belong to APIs it does not emulate.
      return mistralError(
        422,
        `Unsupported purpose '${String(purpose)}': the emulator takes 'batch'.`,
      );
    }
    if (file.size > ctx.mistralLimits.maxFileBytes) {
      return mistralError(413, `The file is larger than ${ctx.mistralLimits.maxFileBytes} bytes.`);
    }
    const stored = ctx.files.add({
      id: crypto.randomUUID(),
      provider: "mistral",
      filename: file instanceof File && file.name ? file.name : "upload.jsonl",
      purpose,
      bytes: new Uint8Array(await file.arrayBuffer()),
      createdAtMs: now,
      expiresAtMs: null,
    });
    return mistralJson(fileToWire(stored));
  });

  app.get("/v1/files/:id", (c) => {
    const file = ctx.files.get(c.req.param("id"), c.get("now"));
    if (file?.provider !== "mistral") return noSuchFile(c.req.param("id"));
    return mistralJson({ ...fileToWire(file), deleted: false });
  });

  app.delete("/v1/files/:id", (c) => {
    const id = c.req.param("id");
    const now = c.get("now");
    const file = ctx.files.get(id, now);
    if (file?.provider !== "mistral") return noSuchFile(id);
    ctx.files.delete(id, now);
    return mistralJson({ id, object: "file", deleted: true });
  });

  app.get("/v1/files/:id/content", (c) => {
    const file = ctx.files.get(c.req.param("id"), c.get("now"));
    if (file?.provider !== "mistral") return noSuchFile(c.req.param("id"));
    return new Response(file.bytes, {
      status: 200,
      headers: {
        "content-type": "application/octet-stream",
        "content-disposition": `attachment; filename="${file.filename}"`,
      },
    });
  });
}
