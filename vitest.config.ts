import { defineConfig } from "vitest/config";

// Three projects: unit (pure, fast), integration (real PostgreSQL, real
// worker processes), e2e (the sandbox in headless Chromium). `npm test` runs
// all three through scripts/test.sh. The e2e project runs once the others have
// finished, so its sandbox (app, worker, database, emulators) and Chromium do
// not share 2 cores with Tryton and the integration tests' workers.
export default defineConfig({
  test: {
    reporters: ["default"],
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/support/postgres-global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          sequence: { groupOrder: 1 },
          testTimeout: 300_000,
          hookTimeout: 400_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
