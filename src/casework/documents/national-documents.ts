/** Whose results to look for, and who asks (the national store logs the requester). */
export interface NationalDocumentsQuery {
  owner: string;
  officialId: string;
  officialName: string;
  procedureCode?: string;
}

/**
 * Port to the national data store (Kho DVCQG): copies the results issued to an owner elsewhere in
 * the country into the local data store. adapters/dvcqg implements it and app/ wires it in, so the
 * desk's documents never depend on the adapter. Answers null when no national store is configured.
 */
export type FetchNationalDocuments = (q: NationalDocumentsQuery) => Promise<"ok" | "unavailable" | null>;
