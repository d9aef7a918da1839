import { configDefaults, defineConfig } from "vitest/config";

// Internal packages are consumed from source: a "source" export condition (if a package adds
// one) must win over anything built. The rest are Vite's server defaults.
const conditions = ["source", "module", "node", "development|production"];

const exclude = [...configDefaults.exclude, "**/node_modules/**", "**/.next/**", "apps/web/e2e/**"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ["source"] } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["**/*.test.ts"],
          exclude: [...exclude, "**/*.integration.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.integration.test.ts"],
          exclude,
          // One database for the whole run, shared by every file: run files one at a time.
          fileParallelism: false,
          globalSetup: ["packages/testkit/src/integration-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
