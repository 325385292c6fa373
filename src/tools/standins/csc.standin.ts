import { createPrivateKey, generateKeyPairSync, randomBytes, X509Certificate } from "node:crypto";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { createDemoCa, issueSignerCertificate } from "../../casework/documents/pki.ts";
import { softwareSigner } from "../../casework/documents/software.signer.ts";
import { type FaultState, type Faults, installFaults } from "./faults.ts";

const SHA256 = "2.16.840.1.101.3.4.2.1";
/** rsaEncryption and sha256WithRSAEncryption: both mean PKCS#1 v1.5 over a SHA-256 digest here. */
const RSA_SIGN_ALGOS = new Set(["1.2.840.113549.1.1.1", "1.2.840.113549.1.1.11"]);
const SAD_SECONDS = 300;

export interface CscStandinCredential {
  id: string;
  pin: string;
  /** Authorising also needs a one-time password (SCAL2), which a server cannot supply. */
  otp?: boolean;
  agency: { code: string; name: string };
}

/**
 * Stand-in for a CA's remote-signing service speaking the Cloud Signature Consortium API v2
 * (`/csc/v2/...`): OAuth2 client_credentials, credentials/list, info and authorize (PIN → SAD,
 * single use, bound to the hashes), signatures/signHash. Each credential is an RSA key with a
 * certificate from the stand-in's demo CA, Vietnamese names as a real CA's are.
 */
export function createCscStandin(o: {
  faults: Faults;
  clientId: string;
  clientSecret: string;
  credentials: CscStandinCredential[];
  ca?: { certPem: string; keyPem: string };
  tokenLifetimeSeconds?: number;
}): {
  app: FastifyInstance;
  caPem: string;
  faults: FaultState;
  /** Forgets every token issued, as a service does when they lapse. */
  expireTokens(): void;
  tokensIssued(): number;
} {
  const ca =
    o.ca ??
    createDemoCa(new Date(), {
      commonName: "CA ký số từ xa — motcua Demo",
      organizationName: "Dịch vụ chứng thực chữ ký số (demo)",
    });
  const credentials = new Map(
    o.credentials.map((c) => {
      const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
      const certPem = issueSignerCertificate(
        ca,
        c.agency,
        publicKey.export({ type: "spki", format: "pem" }).toString(),
      );
      const chain = [certPem, ca.certPem].map((pem) => new Uint8Array(new X509Certificate(pem).raw));
      return [
        c.id,
        {
          ...c,
          chain,
          signer: softwareSigner(
            createPrivateKey(privateKey.export({ type: "pkcs8", format: "pem" })),
            chain,
          ),
        },
      ];
    }),
  );
  const tokens = new Map<string, number>(); // token → expiry
  let issued = 0;
  const sads = new Map<string, { credentialId: string; hashes: string[]; until: number }>();

  const app = Fastify({ logger: false });
  const faults = installFaults(app, o.faults);
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  const fail = (res: FastifyReply, status: number, error: string, description: string) =>
    res.status(status).send({ error, error_description: description });

  app.post("/csc/v2/oauth2/token", async (req, res) => {
    const b = (req.body ?? {}) as Record<string, string>;
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const [id, secret] = basic
      ? Buffer.from(basic, "base64").toString().split(":")
      : [b.client_id, b.client_secret];
    if (b.grant_type !== "client_credentials")
      return fail(res, 400, "unsupported_grant_type", "Only client_credentials is supported");
    if (id !== o.clientId || secret !== o.clientSecret)
      return fail(res, 401, "invalid_client", "Invalid client credentials");
    const token = randomBytes(24).toString("base64url");
    const lifetime = o.tokenLifetimeSeconds ?? 3600;
    tokens.set(token, Date.now() + lifetime * 1000);
    issued++;
    return { access_token: token, token_type: "Bearer", expires_in: lifetime };
  });

  app.post("/csc/v2/info", async () => ({
    specs: "2.0.0.2",
    name: "motcua CSC stand-in",
    region: "VN",
    lang: "vi-VN",
    authType: ["oauth2client"],
    methods: ["credentials/list", "credentials/info", "credentials/authorize", "signatures/signHash"],
  }));

  /** The credential a request names, once its bearer token is live; otherwise the reply is sent. */
  const authorised = (req: FastifyRequest, res: FastifyReply): Record<string, unknown> | null => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
    const until = tokens.get(token);
    if (until === undefined || until < Date.now()) {
      fail(res, 401, "invalid_token", "The access token is not valid or has expired");
      return null;
    }
    return (req.body ?? {}) as Record<string, unknown>;
  };
  const credentialOf = (b: Record<string, unknown>, res: FastifyReply) => {
    const c = credentials.get(String(b.credentialID ?? ""));
    if (!c) fail(res, 400, "invalid_request", "Invalid parameter credentialID");
    return c ?? null;
  };

  app.post("/csc/v2/credentials/list", async (req, res) => {
    if (!authorised(req, res)) return res;
    return { credentialIDs: [...credentials.keys()] };
  });

  app.post("/csc/v2/credentials/info", async (req, res) => {
    const b = authorised(req, res);
    const c = b && credentialOf(b, res);
    if (!c) return res;
    const leaf = new X509Certificate(c.chain[0] as Uint8Array);
    const wanted = b?.certificates ?? "single";
    const certs = wanted === "none" ? [] : wanted === "chain" ? c.chain : c.chain.slice(0, 1);
    return {
      description: `Chứng thư số của ${c.agency.name}`,
      key: { status: "enabled", algo: ["1.2.840.113549.1.1.1"], len: 2048 },
      cert: {
        status: "valid",
        certificates: certs.map((d) => Buffer.from(d).toString("base64")),
        issuerDN: leaf.issuer,
        subjectDN: leaf.subject,
        serialNumber: leaf.serialNumber,
        validFrom: leaf.validFrom,
        validTo: leaf.validTo,
      },
      auth: {
        mode: "explicit",
        objects: [
          { type: "Password", id: "PIN", format: "N", label: "PIN" },
          ...(c.otp ? [{ type: "OTP", id: "OTP", format: "N", label: "Mã OTP", generator: "SMS" }] : []),
        ],
      },
      SCAL: c.otp ? "2" : "1",
      multisign: 1,
      lang: "vi-VN",
    };
  });

  app.post("/csc/v2/credentials/authorize", async (req, res) => {
    const b = authorised(req, res);
    const c = b && credentialOf(b, res);
    if (!b || !c) return res;
    const hashes = b.hashes as unknown;
    if (b.numSignatures !== 1 || !Array.isArray(hashes) || hashes.length !== 1)
      return fail(res, 400, "invalid_request", "numSignatures must be 1, with one hash");
    if (b.hashAlgorithmOID !== SHA256)
      return fail(res, 400, "invalid_request", "Invalid parameter hashAlgorithmOID");
    const authData = (Array.isArray(b.authData) ? b.authData : []) as { id?: string; value?: string }[];
    const value = (id: string) => authData.find((a) => a.id === id)?.value;
    if (value("PIN") !== c.pin) return fail(res, 400, "invalid_pin", "The PIN is invalid");
    if (c.otp && !value("OTP")) return fail(res, 400, "invalid_otp", "The OTP is missing or invalid");
    const sad = randomBytes(24).toString("base64url");
    sads.set(sad, { credentialId: c.id, hashes: hashes.map(String), until: Date.now() + SAD_SECONDS * 1000 });
    return { SAD: sad, expiresIn: SAD_SECONDS };
  });

  app.post("/csc/v2/signatures/signHash", async (req, res) => {
    const b = authorised(req, res);
    const c = b && credentialOf(b, res);
    if (!b || !c) return res;
    const sad = sads.get(String(b.SAD ?? ""));
    sads.delete(String(b.SAD ?? "")); // single use, spent even by a refused request
    const hashes = Array.isArray(b.hashes) ? b.hashes.map(String) : [];
    if (!sad || sad.until < Date.now() || sad.credentialId !== c.id)
      return fail(res, 400, "invalid_request", "Invalid parameter SAD");
    if (hashes.length !== sad.hashes.length || hashes.some((h, i) => h !== sad.hashes[i]))
      return fail(res, 400, "invalid_request", "The hashes are not those the SAD authorised");
    if (b.hashAlgorithmOID !== SHA256)
      return fail(res, 400, "invalid_request", "Invalid parameter hashAlgorithmOID");
    if (!RSA_SIGN_ALGOS.has(String(b.signAlgo)))
      return fail(res, 400, "invalid_request", "Invalid parameter signAlgo");
    const signatures = await Promise.all(
      hashes.map(async (h) => {
        const digest = Buffer.from(h, "base64");
        if (digest.length !== 32) throw new Error("not a SHA-256 digest");
        return Buffer.from(await c.signer.signDigest(digest)).toString("base64");
      }),
    ).catch(() => null);
    if (!signatures) return fail(res, 400, "invalid_request", "Invalid parameter hashes");
    return { signatures };
  });

  return {
    app,
    caPem: ca.certPem,
    faults,
    expireTokens: () => tokens.clear(),
    tokensIssued: () => issued,
  };
}
