import { syncNationalDocuments } from "../adapters/dvcqg/national-store.service.ts";
import type { FetchNationalDocuments } from "../casework/documents/national-documents.ts";
import type { AppContext } from "./context.ts";

// The lower layers' ports, implemented by the adapters. Integrations are read at each call: a
// test or a restart may set them after the routes are registered.

/** Kho DVCQG through the DVCQG client, when one is configured. */
export const nationalDocumentsOf =
  (ctx: AppContext): FetchNationalDocuments =>
  async (q) => {
    const i = ctx.integrations;
    if (!i?.dvcqg) return null;
    const r = await syncNationalDocuments(ctx.db, i.files, i.dvcqg, q);
    return r.ok ? "ok" : "unavailable";
  };
