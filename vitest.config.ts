import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Run alone afterwards (vitest.acceptance.config.ts), so its timings see an unshared machine;
    // the production topology too (its own PostgreSQL servers and four processes).
    exclude: [...configDefaults.exclude, "test/acceptance/**", "test/production/**"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
