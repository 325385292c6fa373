import type { AppError } from "../../kernel/common/app-error.ts";
import { err, ok, type Result } from "../../kernel/common/result.ts";
import { TtlCache } from "../../kernel/common/ttl-cache.ts";
import type { Db } from "../../kernel/db/database.ts";
import { catalogErrors } from "../catalog/catalog.errors.ts";
import { deriveDefaultProcess } from "./default-process.ts";
import { legalDuration } from "./legal-duration.ts";
import { type ProcessDefinition, processDefinitionSchema } from "./process.types.ts";
import { processErrors } from "./processes.errors.ts";

// Versions never change once written, so they cache forever.
const cache = new Map<string, ProcessDefinition>();

export async function processVersion(
  db: Db,
  procedureCode: string,
  version: number,
): Promise<ProcessDefinition> {
  const key = `${procedureCode}@${version}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const row = await db
    .selectFrom("process_definition")
    .select("definition")
    .where("procedure_code", "=", procedureCode)
    .where("version", "=", version)
    .executeTakeFirstOrThrow();
  const def = processDefinitionSchema.parse(row.definition);
  cache.set(key, def);
  return def;
}

// Which version is current changes only when an administrator saves; other processes see it within 30 s.
const latestVersion = new TtlCache<number | null>(30_000);

/** The latest version; the first use of a procedure without one stores the derived default. */
export async function currentProcess(
  db: Db,
  procedureCode: string,
  channel: 1 | 2 | 3,
): Promise<Result<ProcessDefinition, AppError>> {
  const version = await latestVersion.get(procedureCode, async () => {
    const row = await db
      .selectFrom("process_definition")
      .select("version")
      .where("procedure_code", "=", procedureCode)
      .orderBy("version", "desc")
      .limit(1)
      .executeTakeFirst();
    return row?.version ?? null;
  });
  if (version !== null) return ok(await processVersion(db, procedureCode, version));
  latestVersion.delete(procedureCode);
  const procedure = await db
    .selectFrom("procedure")
    .select("channels")
    .where("code", "=", procedureCode)
    .executeTakeFirst();
  if (!procedure) return err(catalogErrors.notFound(procedureCode));
  const derived = deriveDefaultProcess(procedureCode, legalDuration(procedure.channels, channel));
  await db
    .insertInto("process_definition")
    .values({
      procedure_code: procedureCode,
      version: 1,
      definition: JSON.stringify(derived),
      created_by: null,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return ok(await processVersion(db, procedureCode, 1));
}

/** An administrator's edit: validated, stored as the next version; running dossiers keep theirs. */
export async function saveProcess(
  db: Db,
  input: unknown,
  officialId: number,
): Promise<Result<ProcessDefinition, AppError>> {
  const parsed = processDefinitionSchema.safeParse({
    ...(input as object),
    version: 1,
    origin: "configured",
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err(processErrors.invalid(`${issue?.path.join(".")}: ${issue?.message}`));
  }
  const code = parsed.data.procedureCode;
  if (!(await db.selectFrom("procedure").select("code").where("code", "=", code).executeTakeFirst())) {
    return err(catalogErrors.notFound(code));
  }
  const saved = await db.transaction().execute(async (tx) => {
    const last = await tx
      .selectFrom("process_definition")
      .select((eb) => eb.fn.max("version").as("v"))
      .where("procedure_code", "=", code)
      .executeTakeFirst();
    const def = { ...parsed.data, version: Number(last?.v ?? 0) + 1 };
    await tx
      .insertInto("process_definition")
      .values({
        procedure_code: code,
        version: def.version,
        definition: JSON.stringify(def),
        created_by: officialId,
      })
      .execute();
    return def;
  });
  // After the commit, so no reader can cache the old version again in between.
  latestVersion.delete(code);
  return ok(saved);
}
