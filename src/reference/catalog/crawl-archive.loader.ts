import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";
import { extract } from "tar-stream";
import { dataDir } from "../../kernel/config/paths.ts";
import { type RawProcedure, rawProcedureSchema } from "./catalog.types.ts";

export const CRAWL_ARCHIVE = `${dataDir}catalog/raw_all_2642_procedures.tar.gz`;

/** Streams the crawl's records straight from the unchanged tar.gz, one JSON file at a time. */
export async function* readCrawlArchive(
  path = CRAWL_ARCHIVE,
): AsyncGenerator<{ ministry: string; raw: RawProcedure }> {
  const tar = extract();
  createReadStream(path).pipe(createGunzip()).pipe(tar);
  for await (const entry of tar) {
    const name = entry.header.name;
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    if (entry.header.type !== "file" || !name.endsWith(".json")) continue;
    const ministry = name.split("/").at(-2) ?? "";
    const raw = rawProcedureSchema.parse(JSON.parse(Buffer.concat(chunks).toString("utf8")));
    yield { ministry, raw };
  }
}
