import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MEASURES } from "../../src/casework/kpi-facts/measures.ts";
import { repoRoot } from "../../src/kernel/config/paths.ts";
import { MEASURES_0008 } from "../../src/kernel/db/migrations/0008-kpi.ts";
import frozen from "./migration-checksums.json" with { type: "json" };

// A migration that reached main may have run on someone's database: it is never edited again;
// a change is a new migration (0011 repairs the one time 0008 was edited).
const DIR = join(repoRoot, "src", "kernel", "db", "migrations");
const sha = (f: string) =>
  createHash("sha256")
    .update(readFileSync(join(DIR, f)))
    .digest("hex");

describe("migrations", () => {
  it.each(readdirSync(DIR).filter((f) => f.endsWith(".ts")))("%s is frozen once it lands", (f) => {
    const known = (frozen as Record<string, string>)[f];
    expect(
      known,
      `${f}: new migration; add its checksum to test/architecture/migration-checksums.json`,
    ).toBeDefined();
    expect(sha(f), `${f} was edited after it landed; write a new migration instead`).toBe(known);
  });

  it("every measure the code counts has its columns in the aggregates' tables", () => {
    const missing = MEASURES.filter((m) => !MEASURES_0008.includes(m));
    expect(missing, "a new measure needs a migration that adds its columns (as 0011 does)").toEqual([]);
  });
});
