import { PGlite } from "@electric-sql/pglite";
import { openJobStore } from "../../src/jobs/index.js";
import { jobStoreConformance } from "./job-store-conformance.js";

// One in-memory database; every `open` is another store over the same instance.
jobStoreConformance("PGlite (in memory)", async () => {
  const db = await PGlite.create();
  return {
    open: () => openJobStore({ pglite: db }),
    query: async (sql, params) => (await db.query(sql, params)).rows as never[],
    close: () => db.close(),
  };
});
