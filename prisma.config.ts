// Prisma 7 reads the datasource URL from here, not from schema.prisma.
// The app itself never uses this file: it connects through driver adapters (packages/db).
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test' },
});
