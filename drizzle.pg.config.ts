import { defineConfig } from 'drizzle-kit';

// The PostgreSQL migration set, generated from the same definitions as drizzle/ (schema/pg/tables.ts):
// `npx drizzle-kit generate --config drizzle.pg.config.ts --name <what>`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './schema/pg/index.ts',
  out: './drizzle-pg',
});
