import { createHash, createPrivateKey, randomBytes, X509Certificate } from "node:crypto";
import * as asn1js from "asn1js";
import Fastify, { type FastifyInstance } from "fastify";
import * as pkijs from "pkijs";
import { buildSignedData, OID } from "../../casework/documents/cms.ts";
import { createDemoCa, issueTsaCertificate } from "../../casework/documents/pki.ts";
import { softwareSigner } from "../../casework/documents/software.signer.ts";
import { type Faults, installFaults } from "./faults.ts";

/** The demo TSA's policy, under the OID arc reserved for examples (2.999). */
const DEMO_POLICY = "2.999.3161.1";

const reply = (status: number, token?: Uint8Array, failInfo?: number) =>
  new Uint8Array(
    new pkijs.TimeStampResp({
      status: new pkijs.PKIStatusInfo({
        status,
        ...(failInfo === undefined
          ? {}
          : {
              failInfo: new asn1js.BitString({ valueHex: new Uint8Array([0x80 >> failInfo]), unusedBits: 0 }),
            }),
      }),
      ...(token ? { timeStampToken: pkijs.ContentInfo.fromBER(new Uint8Array(token)) } : {}),
    })
      .toSchema()
      .toBER(),
  );

/**
 * Stand-in for a time-stamping authority (RFC 3161 over HTTP, application/timestamp-query), such
 * as the national root CA's TSA. Its certificate comes from its own demo CA unless one is given.
 */
export function createTsaStandin(o: {
  faults: Faults;
  ca?: { certPem: string; keyPem: string };
  now?: () => Date;
}): { app: FastifyInstance; caPem: string } {
  const ca =
    o.ca ?? createDemoCa(new Date(), { commonName: "motcua Demo TSA CA", organizationName: "motcua" });
  const tsaCert = issueTsaCertificate(ca, "motcua Demo TSA");
  const chain = [tsaCert.certPem, ca.certPem].map((pem) => new Uint8Array(new X509Certificate(pem).raw));
  const signer = softwareSigner(createPrivateKey(tsaCert.keyPem), chain);
  const now = o.now ?? (() => new Date());
  const app = Fastify({ logger: false });
  installFaults(app, o.faults);
  app.addContentTypeParser("application/timestamp-query", { parseAs: "buffer" }, (_req, body, done) =>
    done(null, body),
  );
  app.post("/tsa", async (req, res) => {
    res.header("content-type", "application/timestamp-reply");
    let request: pkijs.TimeStampReq;
    try {
      request = pkijs.TimeStampReq.fromBER(new Uint8Array(req.body as Buffer));
    } catch {
      return res.send(Buffer.from(reply(2, undefined, 5))); // badDataFormat
    }
    const imprint = request.messageImprint;
    if (imprint.hashAlgorithm.algorithmId !== OID.sha256)
      return res.send(Buffer.from(reply(2, undefined, 0))); // badAlg
    // Whole seconds: DER's GeneralizedTime then needs no fraction.
    const genTime = new Date(Math.floor(now().getTime() / 1000) * 1000);
    const tstInfo = new pkijs.TSTInfo({
      version: 1,
      policy: DEMO_POLICY,
      messageImprint: imprint,
      serialNumber: new asn1js.Integer({ valueHex: positive(randomBytes(16)) }),
      genTime,
      accuracy: new pkijs.Accuracy({ seconds: 1 }),
      ...(request.nonce ? { nonce: request.nonce } : {}),
    });
    const content = new Uint8Array(tstInfo.toSchema().toBER());
    const token = await buildSignedData({
      signer,
      contentType: OID.tstInfo,
      digest: new Uint8Array(createHash("sha256").update(content).digest()),
      content,
      withCertificates: request.certReq === true,
    });
    return res.send(Buffer.from(reply(0, token)));
  });
  return { app, caPem: ca.certPem };
}

const positive = (b: Buffer) => {
  b[0] = (b[0] ?? 0) & 0x7f;
  return new Uint8Array(b);
};
