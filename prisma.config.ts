import { defineConfig } from 'prisma/config';

// Prisma 7 reads the connection from here for its CLI. The application builds its own client with
// @prisma/adapter-pg (store/prisma-client.ts) and migrations run through prisma/scripts/migrate.ts.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env['DATABASE_URL'] ?? 'postgresql://localhost:5432/deanbot' },
});
