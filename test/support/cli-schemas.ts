// Schemas the CLI tests load with `--schema ./test/support/cli-schemas.ts#User`.
import { z } from "zod";

export const User = z.object({
  name: z.string(),
  age: z.number().int(),
  email: z.string(),
});

export const NotASchema = { hello: "world" };
