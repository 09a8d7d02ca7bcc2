import pg from "pg";
import { openJobStore } from "../../src/jobs/index.js";
import { describePostgres, useFreshDatabase } from "../support/postgres.js";
import { jobStoreConformance } from "./job-store-conformance.js";

// Every `open` is a pool of its own, as another process would have.
describePostgres("job store on PostgreSQL", () => {
  const db = useFreshDatabase();
  jobStoreConformance("PostgreSQL (pg)", async () => {
    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    return {
      open: () => openJobStore(db.url),
      query: async (sql, params) => (await pool.query(sql, params)).rows,
      close: () => pool.end(),
    };
  });
});
