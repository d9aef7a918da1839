import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Internal packages ship TypeScript source (no dist build), so Next compiles them.
  transpilePackages: [
    "@dangol/domain",
    "@dangol/config",
    "@dangol/db",
    "@dangol/jobs",
    "@dangol/analytics",
    "@dangol/etl",
    "@dangol/workbench",
    "@dangol/segments",
    "@dangol/campaigns",
  ],
  // Native addons and Prisma's runtime stay plain Node requires instead of being bundled.
  serverExternalPackages: [
    "@prisma/client",
    "@prisma/adapter-pg",
    "pg",
    "pg-copy-streams",
    "@node-rs/argon2",
    "pino",
    "ioredis",
    "bullmq",
  ],
  // forbidden() answers a wrong role with a real HTTP 403 instead of a 200 page saying no.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
};

export default nextConfig;
