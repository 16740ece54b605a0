export { openDatabase, MIGRATIONS_DIR, type Database, type DatabaseOptions } from './open-database.ts';
export { applyMigrations, readMigrations, MigrationError } from './apply-migrations.ts';
export { DatabaseLockedError, LOCK_FILE_NAME } from './lock-data-dir.ts';
export type { SqlDriver } from './sql-driver.ts';
export { Prisma, PrismaClient } from './generated/prisma/client.ts';
export type * from './generated/prisma/models.ts';
