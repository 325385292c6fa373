import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { DvcqgClient } from "../../adapters/dvcqg/dvcqg.client.ts";
import { Notifier } from "../../adapters/notify/notify.client.ts";
import { PopulationGateway } from "../../adapters/population/population.service.ts";
import { RegistryClient } from "../../adapters/registry/registry.client.ts";
import { VneidClient } from "../../adapters/vneid/vneid.client.ts";
import { clamdScanner } from "../../casework/documents/clamd.client.ts";
import { PkiFolder } from "../../casework/documents/pki.store.ts";
import { httpTimestampAuthority } from "../../casework/documents/timestamp.client.ts";
import type { Db } from "../../kernel/db/database.ts";
import { LocalFileStore } from "../../kernel/files/file-store.store.ts";
import { S3FileStore } from "../../kernel/files/s3-store.store.ts";
import { isDemo } from "../../tools/demo/demo.settings.ts";
import type { Integrations } from "../context.ts";
import type { AppConfig } from "../settings.ts";
import { StartRefused } from "./production.ts";
import { startErrors } from "./start.errors.ts";

/** Endpoints of the stand-ins, when this process started them; the core never knows which. */
export type Endpoints = Partial<
  Record<"dvcqg" | "population" | "registry" | "paygov" | "smtp" | "sms" | "vneid" | "tsa", string>
>;

export interface Credentials {
  dvcqg: { username: string; password: string; unit: string };
  apiKey: string;
  paygov: { partner: string; secret: string };
  vneid: { clientId: string; clientSecret: string };
}

/** Builds the adapters from configuration; stand-in endpoints fill only what is not configured. */
export async function buildIntegrations(
  config: AppConfig,
  db: Db,
  standins?: { urls: Endpoints; credentials: Credentials },
): Promise<Integrations> {
  const s = standins?.urls ?? {};
  const cred = standins?.credentials;
  const dvcqgUrl = config.MOTCUA_DVCQG_URL ?? s.dvcqg;
  const populationUrl = config.MOTCUA_POPULATION_URL ?? s.population;
  const registryUrl = config.MOTCUA_REGISTRY_URL ?? s.registry;
  const paygovUrl = config.MOTCUA_PAYGOV_URL ?? s.paygov;
  const tsaUrl = config.MOTCUA_TSA_URL ?? s.tsa;
  const pick = (configured: string | undefined, value: string, fallback: string | undefined) =>
    configured ? value : (fallback ?? value);
  const signing = new PkiFolder(
    config.MOTCUA_PKI_DIR ?? join(config.MOTCUA_DATA_DIR, "pki"),
    isDemo(config),
    tsaUrl ? httpTimestampAuthority(tsaUrl) : null,
    {
      seal: (config.MOTCUA_RESULT_SEAL ?? (isDemo(config) ? "on" : "off")) === "on",
      longTerm: true,
      ...(config.MOTCUA_TRUST_LIST ? { trustList: config.MOTCUA_TRUST_LIST } : {}),
    },
  );
  await checkSignersAtStart(signing, db);
  return {
    dvcqg: dvcqgUrl
      ? new DvcqgClient({
          baseUrl: dvcqgUrl,
          username: pick(config.MOTCUA_DVCQG_URL, config.MOTCUA_DVCQG_USER, cred?.dvcqg.username),
          password: pick(config.MOTCUA_DVCQG_URL, config.MOTCUA_DVCQG_PASSWORD, cred?.dvcqg.password),
          unitCode: pick(config.MOTCUA_DVCQG_URL, config.MOTCUA_DVCQG_UNIT, cred?.dvcqg.unit),
          timeoutMs: 10_000,
        })
      : null,
    population: populationUrl
      ? new PopulationGateway({
          baseUrl: populationUrl,
          apiKey: pick(config.MOTCUA_POPULATION_URL, config.MOTCUA_POPULATION_KEY, cred?.apiKey),
          serviceCode: "MOTCUA",
          timeoutMs: 1_200,
        })
      : null,
    registry: registryUrl
      ? new RegistryClient({
          baseUrl: registryUrl,
          apiKey: pick(config.MOTCUA_REGISTRY_URL, config.MOTCUA_REGISTRY_KEY, cred?.apiKey),
          timeoutMs: 5_000,
        })
      : null,
    paygov: paygovUrl
      ? {
          baseUrl: paygovUrl,
          partnerCode: pick(config.MOTCUA_PAYGOV_URL, config.MOTCUA_PAYGOV_PARTNER, cred?.paygov.partner),
          secret: pick(config.MOTCUA_PAYGOV_URL, config.MOTCUA_PAYGOV_SECRET, cred?.paygov.secret),
          timeoutMs: 5_000,
        }
      : null,
    notifier:
      (config.MOTCUA_SMTP_URL ?? s.smtp) || (config.MOTCUA_SMS_URL ?? s.sms)
        ? new Notifier({
            smtpUrl: config.MOTCUA_SMTP_URL ?? s.smtp ?? null,
            mailFrom: config.MOTCUA_MAIL_FROM,
            smsUrl: config.MOTCUA_SMS_URL ?? s.sms ?? null,
            smsKey: config.MOTCUA_SMS_URL ? config.MOTCUA_SMS_KEY : (cred?.apiKey ?? config.MOTCUA_SMS_KEY),
            timeoutMs: 10_000,
          })
        : null,
    vneid:
      (config.MOTCUA_VNEID_ISSUER ?? s.vneid)
        ? new VneidClient({
            issuer: (config.MOTCUA_VNEID_ISSUER ?? s.vneid) as string,
            clientId: pick(config.MOTCUA_VNEID_ISSUER, config.MOTCUA_VNEID_CLIENT_ID, cred?.vneid.clientId),
            clientSecret: pick(
              config.MOTCUA_VNEID_ISSUER,
              config.MOTCUA_VNEID_CLIENT_SECRET,
              cred?.vneid.clientSecret,
            ),
            redirectUri: `${config.MOTCUA_PUBLIC_URL ?? `http://localhost:${config.PORT}`}/api/v1/citizen/callback`,
          })
        : null,
    virusScan: config.MOTCUA_CLAMD
      ? clamdScanner(config.MOTCUA_CLAMD.split(":")[0] as string, Number(config.MOTCUA_CLAMD.split(":")[1]))
      : null,
    signing,
    files: config.MOTCUA_S3_ENDPOINT
      ? new S3FileStore({
          endpoint: config.MOTCUA_S3_ENDPOINT,
          region: config.MOTCUA_S3_REGION,
          bucket: config.MOTCUA_S3_BUCKET,
          accessKeyId: config.MOTCUA_S3_ACCESS_KEY,
          secretAccessKey: config.MOTCUA_S3_SECRET_KEY,
          forcePathStyle: true,
        })
      : new LocalFileStore(config.MOTCUA_FILES_DIR ?? join(config.MOTCUA_DATA_DIR, "files")),
    fileUrlSecret: config.MOTCUA_FILE_URL_SECRET ?? (await sharedSecret(db)),
    publicUrl: config.MOTCUA_PUBLIC_URL ?? `http://localhost:${config.PORT}`,
    syncSloSeconds: config.MOTCUA_SYNC_SLO_SECONDS,
  };
}

/** One secret for every node of the instance, made once and kept in the database. */
async function sharedSecret(db: Db): Promise<string> {
  const made = randomBytes(32).toString("base64url");
  await db
    .insertInto("integration_state")
    .values({ key: "file-url-secret", value: JSON.stringify({ secret: made }) })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  const row = await db
    .selectFrom("integration_state")
    .select("value")
    .where("key", "=", "file-url-secret")
    .executeTakeFirstOrThrow();
  return String(row.value.secret);
}

/**
 * signers.json is checked at start, not at an official's first issue-result: it parses, every
 * signer it names can be built (its PIN and secret variables are set), and every agency code and
 * username in it exists; a typo would otherwise sign with the fallback certificate unnoticed.
 */
export async function checkSignersAtStart(signing: PkiFolder, db: Db): Promise<void> {
  let file: ReturnType<PkiFolder["signersFile"]>;
  try {
    file = signing.signersFile();
    signing.prepareSigners();
  } catch (e) {
    throw new StartRefused(startErrors.signersInvalid((e as Error).message));
  }
  if (!file) return;
  const codes = Object.keys(file.agencies);
  const usernames = Object.keys(file.officials);
  const agencies = codes.length
    ? await db.selectFrom("agency").select("code").where("code", "in", codes).execute()
    : [];
  const officials = usernames.length
    ? await db.selectFrom("official").select("username").where("username", "in", usernames).execute()
    : [];
  const unknown = [
    ...codes.filter((c) => !agencies.some((a) => a.code === c)).map((c) => `cơ quan "${c}"`),
    ...usernames.filter((u) => !officials.some((o) => o.username === u)).map((u) => `cán bộ "${u}"`),
  ];
  if (unknown.length > 0) throw new StartRefused(startErrors.signersUnknown(unknown));
}
