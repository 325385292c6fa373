import { defineConfig } from "vitest/config";

// The acceptance suite starts motcua as `npm start` does and times it under load (health within
// 1 s during 200 receptions, a 25 MB upload within 2 s). It runs on its own, after the parallel
// suite, so those timings measure motcua on the machine and not the other test files beside it.
export default defineConfig({
  test: {
    include: ["test/acceptance/**/*.test.ts", "test/production/**/*.test.ts"],
    globalSetup: ["test/acceptance/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
