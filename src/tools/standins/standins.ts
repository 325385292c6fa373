import type { FastifyInstance } from "fastify";
import { createCscStandin } from "./csc.standin.ts";
import { createDvcqgStandin } from "./dvcqg.standin.ts";
import { faultsFromEnv } from "./faults.ts";
import { createSmsStandin, createSmtpStandin } from "./mail-sms.standin.ts";
import { createPayGovStandin } from "./paygov.standin.ts";
import { createPopulationStandin } from "./population.standin.ts";
import { createRegistryStandin } from "./registry.standin.ts";
import { createTsaStandin } from "./tsa.standin.ts";
import { startVneidStandin } from "./vneid.standin.ts";

/** Credentials the stand-ins accept; demo only, printed in docs/standins.md. */
export const STANDIN_CREDENTIALS = {
  dvcqg: { username: "motcua-demo", password: "demo", unit: "37" },
  apiKey: "demo-key",
  paygov: { partner: "MOTCUA-NB", secret: "demo-paygov-secret" },
  vneid: { clientId: "motcua-demo", clientSecret: "demo-vneid-secret" },
  /** Remote signing (CSC v2): a PIN-only credential, and one that also wants an OTP. */
  csc: {
    clientId: "motcua-demo",
    clientSecret: "demo-csc-secret",
    pin: "123456",
    credentialId: "so-tu-phap-ninh-binh",
    otpCredentialId: "so-tu-phap-ninh-binh-otp",
  },
} as const;

export interface RunningStandins {
  urls: {
    dvcqg: string;
    population: string;
    registry: string;
    paygov: string;
    smtp: string;
    sms: string;
    vneid: string;
    /** RFC 3161 time-stamping (application/timestamp-query), for PAdES B-T. */
    tsa: string;
    /** CSC v2 remote signing, the base of its methods (…/csc/v2). */
    csc: string;
  };
  close(): Promise<void>;
}

/** Starts every stand-in on consecutive loopback ports from `firstPort`. */
export async function startStandins(
  firstPort: number,
  publicUrl: string,
  /** The demo CA of motcua's PKI folder: the CSC stand-in's certificates then chain to what /verify trusts in demo. */
  demoCa?: { certPem: string; keyPem: string },
): Promise<RunningStandins> {
  const paymentReturnUrl = `${publicUrl}/api/v1/payments/return`;
  const c = STANDIN_CREDENTIALS;
  const smtp = createSmtpStandin();
  const sms = createSmsStandin({ apiKey: c.apiKey, faults: faultsFromEnv("sms"), mail: smtp.messages });
  const apps: [keyof RunningStandins["urls"], FastifyInstance][] = [
    [
      "dvcqg",
      createDvcqgStandin({
        username: c.dvcqg.username,
        password: c.dvcqg.password,
        faults: faultsFromEnv("dvcqg"),
      }).app,
    ],
    ["population", createPopulationStandin({ apiKey: c.apiKey, faults: faultsFromEnv("population") })],
    ["registry", createRegistryStandin({ apiKey: c.apiKey, faults: faultsFromEnv("registry") })],
    [
      "paygov",
      createPayGovStandin({
        partnerCode: c.paygov.partner,
        secret: c.paygov.secret,
        returnUrl: paymentReturnUrl,
        faults: faultsFromEnv("paygov"),
      }).app,
    ],
    ["sms", sms.app],
  ];
  const urls = {} as RunningStandins["urls"];
  for (const [i, [name, app]] of apps.entries()) {
    await app.listen({ port: firstPort + i, host: "127.0.0.1" });
    urls[name] = `http://127.0.0.1:${firstPort + i}`;
  }
  urls.sms = `${urls.sms}/api/sms/send`;
  const smtpPort = firstPort + apps.length;
  await new Promise<void>((resolve, reject) => {
    smtp.server.once("error", reject);
    smtp.server.listen(smtpPort, "127.0.0.1", () => resolve());
  });
  urls.smtp = `smtp://127.0.0.1:${smtpPort}`;
  const vneid = await startVneidStandin({
    port: smtpPort + 1,
    clientId: c.vneid.clientId,
    clientSecret: c.vneid.clientSecret,
    redirectUris: [`${publicUrl}/api/v1/citizen/callback`],
  });
  urls.vneid = vneid.issuer;
  const tsa = createTsaStandin({ faults: faultsFromEnv("tsa") }).app;
  await tsa.listen({ port: smtpPort + 2, host: "127.0.0.1" });
  urls.tsa = `http://127.0.0.1:${smtpPort + 2}/tsa`;
  const agency = { code: "000.00.37.H40", name: "Sở Tư pháp tỉnh Ninh Bình" };
  const csc = createCscStandin({
    faults: faultsFromEnv("csc"),
    clientId: c.csc.clientId,
    clientSecret: c.csc.clientSecret,
    ...(demoCa ? { ca: demoCa } : {}),
    credentials: [
      { id: c.csc.credentialId, pin: c.csc.pin, agency },
      { id: c.csc.otpCredentialId, pin: c.csc.pin, otp: true, agency },
    ],
  }).app;
  await csc.listen({ port: smtpPort + 3, host: "127.0.0.1" });
  urls.csc = `http://127.0.0.1:${smtpPort + 3}/csc/v2`;
  return {
    urls,
    close: async () => {
      await Promise.all(apps.map(([, a]) => a.close()));
      await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
      await vneid.close();
      await tsa.close();
      await csc.close();
    },
  };
}
