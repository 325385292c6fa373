import { fileURLToPath } from "node:url";

/** The repository root, found from this file so the app runs from any working directory. */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const dataDir = `${repoRoot}data/`;
