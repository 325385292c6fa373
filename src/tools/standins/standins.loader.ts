// The stand-ins are demo tools: oidc-provider (VNeID) and smtp-server (SMTP) are development
// dependencies, absent from a production install (`npm ci --omit=dev`). So the stand-ins are
// loaded on demand, and only when they run; an install without them serves without stand-ins.

type StandinsModule = typeof import("./standins.ts");

/** The packages only the stand-ins use. */
export const STANDIN_PACKAGES = ["oidc-provider", "smtp-server"] as const;

/** An import failed because one of the stand-ins' packages is not installed. */
export function isMissingStandinPackage(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | null;
  return (
    err?.code === "ERR_MODULE_NOT_FOUND" &&
    STANDIN_PACKAGES.some((p) => new RegExp(`['"]${p}['"/]`).test(err.message ?? ""))
  );
}

/** The stand-ins' module, or null when its packages are not installed; any other failure is thrown. */
export async function loadStandins(
  importer: () => Promise<StandinsModule> = () => import("./standins.ts"),
): Promise<StandinsModule | null> {
  try {
    return await importer();
  } catch (e) {
    if (isMissingStandinPackage(e)) return null;
    throw e;
  }
}
