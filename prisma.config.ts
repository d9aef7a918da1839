import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

const root = path.dirname(fileURLToPath(import.meta.url));

// `prisma generate` only checks that a schema-engine binary exists; without this it tries to
// download one, which this network cannot reach. Migrations run through the Wasm engine
// instead (packages/db/src/migrate, docs/prisma-offline.md).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(root, "scripts/prisma-schema-engine-stub.sh");

export default defineConfig({
  schema: path.join(root, "prisma/schema.prisma"),
  migrations: { path: path.join(root, "prisma/migrations") },
  datasource: {
    // A placeholder keeps `generate` working without a database; nothing connects to it.
    url: process.env.DATABASE_URL ?? "postgresql://dangol:dangol@127.0.0.1:5432/dangol",
  },
});
