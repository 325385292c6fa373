import { X509Certificate } from "node:crypto";
import { createRequire } from "node:module";
import { endianness } from "node:os";
import { isAbsolute } from "node:path";
import { z } from "zod";
import { ecdsaSigValue } from "./cms.ts";
import { type ResultSigner, SignerUnavailable } from "./result-signer.ts";
import { SHA256_DIGEST_INFO } from "./software.signer.ts";

// A key on a PKCS#11 token: an official's USB token, or a server's HSM. The key never leaves it;
// the token signs a SHA-256 DigestInfo (RSA, CKM_RSA_PKCS) or the digest itself (EC, CKM_ECDSA).
// The pkcs11js addon is an optional dependency, loaded on first use: where it did not build,
// motcua runs and only this signer answers TOKEN_UNAVAILABLE.

// ---- The part of pkcs11js used here, and the PKCS#11 constants (v2.40) ------------------------
// Declared here rather than imported, so the type check passes where the optional addon is absent.

type Handle = Buffer;
interface Attribute {
  type: number;
  value?: number | boolean | string | Buffer;
}
interface TokenInfo {
  label: string;
  serialNumber: string;
  flags: number;
}
interface Cryptoki {
  load(path: string): void;
  close(): void;
  C_Initialize(options?: { flags?: number }): void;
  C_Finalize(): void;
  C_GetSlotList(tokenPresent?: boolean): Handle[];
  C_GetTokenInfo(slot: Handle): TokenInfo;
  C_OpenSession(slot: Handle, flags: number): Handle;
  C_CloseSession(session: Handle): void;
  C_Login(session: Handle, userType: number, pin?: string): void;
  C_FindObjectsInit(session: Handle, template: Attribute[]): void;
  C_FindObjects(session: Handle, maxObjectCount: number): Handle[];
  C_FindObjectsFinal(session: Handle): void;
  C_GetAttributeValue(
    session: Handle,
    object: Handle,
    template: Attribute[],
  ): { type: number; value: Buffer }[];
  C_SignInit(session: Handle, mechanism: { mechanism: number }, key: Handle): void;
  C_SignAsync(session: Handle, data: Buffer, out: Buffer): Promise<Buffer>;
}

const CKR_CANT_LOCK = 0x0a;
const CKR_PIN_INCORRECT = 0xa0;
const CKR_PIN_INVALID = 0xa1;
const CKR_PIN_LEN_RANGE = 0xa2;
const CKR_PIN_EXPIRED = 0xa3;
const CKR_PIN_LOCKED = 0xa4;
const CKR_USER_ALREADY_LOGGED_IN = 0x100;
const CKR_USER_PIN_NOT_INITIALIZED = 0x102;
const CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;
const CKF_OS_LOCKING_OK = 0x02;
const CKF_SERIAL_SESSION = 0x04;
const CKF_USER_PIN_FINAL_TRY = 0x20000;
const CKF_USER_PIN_LOCKED = 0x40000;
const CKU_USER = 1;
const CKU_CONTEXT_SPECIFIC = 2;
const CKO_CERTIFICATE = 1;
const CKO_PUBLIC_KEY = 2;
const CKO_PRIVATE_KEY = 3;
const CKC_X_509 = 0;
const CKK_RSA = 0;
const CKK_EC = 3;
const CKA_CLASS = 0x00;
const CKA_LABEL = 0x03;
const CKA_VALUE = 0x11;
const CKA_CERTIFICATE_TYPE = 0x80;
const CKA_KEY_TYPE = 0x100;
const CKA_ID = 0x102;
const CKA_MODULUS = 0x120;
const CKA_EC_POINT = 0x181;
const CKA_ALWAYS_AUTHENTICATE = 0x202;
const CKM_RSA_PKCS = 0x01;
const CKM_ECDSA = 0x1041;

/**
 * A signer on a token, as signers.json names it. `key` is the CKA_LABEL of the private key
 * (`pkcs11-tool --module … --login --list-objects --type privkey` shows it); its certificate is the
 * token's X.509 certificate object with the same CKA_ID. `pinEnv` names the environment variable
 * holding the user PIN, so the PIN stays out of files.
 */
export const pkcs11ProfileSchema = z.object({
  kind: z.literal("pkcs11"),
  module: z
    .string()
    .refine(isAbsolute, "the PKCS#11 module must be an absolute path")
    .describe("The vendor's PKCS#11 library, e.g. /usr/lib/softhsm/libsofthsm2.so"),
  token: z
    .string()
    .trim()
    .min(1)
    .refine((s) => Buffer.byteLength(s, "utf8") <= 32, "a token label has at most 32 bytes (UTF-8)")
    .describe("The token's label, as `pkcs11-tool --list-token-slots` shows it"),
  key: z.string().min(1).describe("CKA_LABEL of the private key; its certificate has the same CKA_ID"),
  pinEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable name")
    .describe("Name of the env var holding the user PIN"),
});
export type Pkcs11Profile = z.infer<typeof pkcs11ProfileSchema>;

export interface Pkcs11Signer extends ResultSigner {
  /** Closes the session (the token logs out once its last session closes); later calls fail. */
  close(): Promise<void>;
}

/**
 * A ResultSigner on a PKCS#11 token. Nothing touches the token until the first call: then a
 * session opens, logs in as CKU_USER and stays open across signatures; a failed call closes it and
 * the next call opens a new one. Calls to one module are serialised. A PIN the token rejected is
 * not tried again by this signer (each try counts towards locking the token), until a restart.
 * Throws at once if the PIN variable is unset.
 */
export function pkcs11Signer(profile: Pkcs11Profile, env: NodeJS.ProcessEnv): Pkcs11Signer {
  const p = pkcs11ProfileSchema.parse(profile);
  const pin = env[p.pinEnv];
  if (!pin) throw new Error(`The PIN of token "${p.token}" is read from ${p.pinEnv}, which is not set`);
  let module: LoadedModule | null = null;
  let open: OpenToken | null = null;
  let refused: SignerUnavailable | null = null;
  let closed = false;
  /** The certificate certificateChain last gave: the CMS being built names it as the signer. */
  let handedOut: Buffer | null = null;

  const withToken = <T>(fn: (t: OpenToken, lib: Cryptoki) => Promise<T>): Promise<T> => {
    if (closed) return Promise.reject(new Error(`The signer for token "${p.token}" is closed`));
    if (refused) return Promise.reject(refused);
    let m: LoadedModule;
    try {
      module ??= acquire(p.module);
      m = module;
    } catch (e) {
      return Promise.reject(e);
    }
    return serialised(m, async () => {
      for (let attempt = 1; ; attempt++) {
        if (refused) throw refused;
        // A session from an earlier generation went with the re-initialised module.
        const reused = open !== null && open.generation === m.generation;
        try {
          if (!reused) {
            open = null;
            open = openToken(m, p, pin);
          }
          return await fn(open as OpenToken, m.lib);
        } catch (e) {
          if (e instanceof CertificateChanged) throw e; // the session is fine
          if (open) closeSession(m.lib, open.session);
          open = null;
          const failure = unavailable(e, p);
          if (failure instanceof SignerUnavailable && failure.code === "PIN_REJECTED") refused = failure;
          // A session kept from earlier may have died with the token or the link to the HSM:
          // one more try on a new session, so the official does not see it.
          else if (reused && attempt === 1 && failure instanceof SignerUnavailable) continue;
          throw failure;
        }
      }
    });
  };

  return {
    certificateChain: () =>
      withToken(async (t) => {
        handedOut = Buffer.from(t.chain[0] as Uint8Array);
        return t.chain;
      }),

    signDigest: (sha256) => {
      if (sha256.length !== 32) return Promise.reject(new Error("A SHA-256 digest is 32 bytes"));
      return withToken(async (t, lib) => {
        // A token swapped since (a new session found another key): its signature would not match
        // the certificate in the CMS. Refused until certificateChain is asked again.
        if (handedOut && !handedOut.equals(t.chain[0] as Uint8Array)) throw new CertificateChanged(p.token);
        const ec = t.keyType === "ec";
        lib.C_SignInit(t.session, { mechanism: ec ? CKM_ECDSA : CKM_RSA_PKCS }, t.key);
        // A key marked CKA_ALWAYS_AUTHENTICATE wants the PIN again for each signature.
        if (t.alwaysAuthenticate) lib.C_Login(t.session, CKU_CONTEXT_SPECIFIC, pin);
        const input = ec ? Buffer.from(sha256) : Buffer.concat([SHA256_DIGEST_INFO, sha256]);
        // On the libuv pool: a USB token takes up to a second for an RSA signature.
        const raw = await lib.C_SignAsync(t.session, input, Buffer.alloc(1024));
        return ec ? ecdsaSigValue(raw) : new Uint8Array(raw);
      });
    },

    close: async () => {
      if (closed) return;
      closed = true;
      const m = module;
      module = null;
      if (!m) return;
      await serialised(m, async () => {
        if (open && open.generation === m.generation) closeSession(m.lib, open.session);
        open = null;
      });
      release(m);
    },
  };
}

class CertificateChanged extends SignerUnavailable {
  constructor(token: string) {
    super(
      "TOKEN_UNAVAILABLE",
      `The certificate on token "${token}" changed while a signature was being made; sign again`,
    );
  }
}

// ---- The token: slot, login, key and certificates -------------------------------------------

interface OpenToken {
  /** The module's generation the session was opened in. */
  generation: number;
  session: Handle;
  key: Handle;
  keyType: "rsa" | "ec";
  alwaysAuthenticate: boolean;
  /** The key's certificate, then its issuers found on the token; DER as stored. */
  chain: Uint8Array[];
}

function openToken(m: LoadedModule, p: Pkcs11Profile, pin: string): OpenToken {
  const lib = m.lib;
  let slot: Handle | null = null;
  try {
    slot = m.initialised ? findSlot(lib, p.token) : null;
  } catch (e) {
    // A module that lost a token can fail to list slots until initialised again.
    if (!m.ownsInit || e instanceof SignerUnavailable) throw e;
  }
  // And some see a token plugged in after C_Initialize only then.
  if (!slot && m.ownsInit) {
    reinitialise(m);
    slot = findSlot(lib, p.token);
  }
  if (!slot)
    throw new SignerUnavailable(
      "TOKEN_UNAVAILABLE",
      `No token labelled "${p.token}" is present in ${p.module} (is it plugged in?)`,
    );
  const flags = lib.C_GetTokenInfo(slot).flags;
  if (flags & CKF_USER_PIN_LOCKED)
    throw new SignerUnavailable(
      "PIN_REJECTED",
      `The user PIN of token "${p.token}" is locked; the token's security officer must unblock it`,
    );
  if (flags & CKF_USER_PIN_FINAL_TRY)
    throw new SignerUnavailable(
      "PIN_REJECTED",
      `Token "${p.token}" allows one more PIN try before it locks; motcua does not spend it. ` +
        "Log in once with the token's own tool and the right PIN, then restart motcua",
    );
  const session = lib.C_OpenSession(slot, CKF_SERIAL_SESSION);
  try {
    try {
      lib.C_Login(session, CKU_USER, pin);
    } catch (e) {
      // Login is per process and token: another signer's session on this token has logged in
      // (the token then checks no PIN for this one).
      if (ckr(e) !== CKR_USER_ALREADY_LOGGED_IN) throw e;
    }
    return { generation: m.generation, session, ...keyAndChain(lib, session, p) };
  } catch (e) {
    closeSession(lib, session);
    throw e;
  }
}

/** The slot holding the token labelled `label`. */
function findSlot(lib: Cryptoki, label: string): Handle | null {
  const found: { slot: Handle; serial: string }[] = [];
  for (const slot of lib.C_GetSlotList(true)) {
    let info: TokenInfo;
    try {
      info = lib.C_GetTokenInfo(slot);
    } catch {
      continue; // removed while listing
    }
    if (blankTrimmed(info.label) === label) found.push({ slot, serial: blankTrimmed(info.serialNumber) });
  }
  if (found.length > 1)
    throw new SignerUnavailable(
      "TOKEN_UNAVAILABLE",
      `${found.length} tokens are labelled "${label}" (serial numbers ${found.map((f) => f.serial).join(", ")}); ` +
        "plug in only the one that signs",
    );
  return found[0]?.slot ?? null;
}

function keyAndChain(lib: Cryptoki, session: Handle, p: Pkcs11Profile) {
  const keys = findObjects(lib, session, [
    { type: CKA_CLASS, value: CKO_PRIVATE_KEY },
    { type: CKA_LABEL, value: Buffer.from(p.key, "utf8") },
  ]);
  const [key] = keys;
  if (!key || keys.length > 1)
    throw new SignerUnavailable(
      "TOKEN_UNAVAILABLE",
      key
        ? `Token "${p.token}" holds ${keys.length} private keys labelled "${p.key}"`
        : `Token "${p.token}" holds no private key labelled "${p.key}"`,
    );
  const [id, type] = attributes(lib, session, key, [CKA_ID, CKA_KEY_TYPE]);
  const keyType = ulong(type) === CKK_RSA ? "rsa" : ulong(type) === CKK_EC ? "ec" : null;
  if (!keyType)
    throw new SignerUnavailable(
      "TOKEN_UNAVAILABLE",
      `Key "${p.key}" on token "${p.token}" is neither RSA nor EC (CKK ${ulong(type)})`,
    );
  const alwaysAuthenticate = optionalAttribute(lib, session, key, CKA_ALWAYS_AUTHENTICATE)?.[0] === 1;

  const certificates = findObjects(lib, session, [
    { type: CKA_CLASS, value: CKO_CERTIFICATE },
    { type: CKA_CERTIFICATE_TYPE, value: CKC_X_509 },
  ]).flatMap((handle) => {
    const [certId, value] = attributes(lib, session, handle, [CKA_ID, CKA_VALUE]);
    try {
      return [{ id: certId, der: new Uint8Array(value), x509: new X509Certificate(value) }];
    } catch {
      return []; // not a certificate node can read: not ours
    }
  });
  const holdsKey = certifiesKey(lib, session, key, id, keyType);
  const now = Date.now();
  const [leaf] = certificates
    .filter((c) => c.id.equals(id) && c.x509.publicKey.asymmetricKeyType === keyType)
    .filter((c) => !holdsKey || holdsKey(c.x509))
    // A renewed certificate stored next to the old one: the valid, most recent first.
    .sort(
      (a, b) =>
        Number(validAt(b.x509, now)) - Number(validAt(a.x509, now)) ||
        Date.parse(b.x509.validFrom) - Date.parse(a.x509.validFrom) ||
        Date.parse(b.x509.validTo) - Date.parse(a.x509.validTo),
    );
  if (!leaf)
    throw new SignerUnavailable(
      "TOKEN_UNAVAILABLE",
      `Token "${p.token}" holds no certificate for key "${p.key}" (CKA_ID ${id.toString("hex")})`,
    );
  // The issuers the token carries, up from the signer's certificate.
  const chain = [leaf];
  for (;;) {
    const last = chain[chain.length - 1] as (typeof chain)[number];
    if (last.x509.checkIssued(last.x509)) break;
    const issuer = certificates.find(
      (c) => !chain.includes(c) && last.x509.checkIssued(c.x509) && last.x509.verify(c.x509.publicKey),
    );
    if (!issuer) break;
    chain.push(issuer);
  }
  return { key, keyType, alwaysAuthenticate, chain: chain.map((c) => c.der) } as const;
}

/**
 * Whether a certificate holds this key, when the token shows enough to tell: an RSA private key's
 * CKA_MODULUS, or the CKA_EC_POINT of the public key object with the same CKA_ID (null: it does
 * not). It picks among several certificates with the key's CKA_ID, and keeps a mismatched one out.
 */
function certifiesKey(
  lib: Cryptoki,
  session: Handle,
  key: Handle,
  id: Buffer,
  keyType: "rsa" | "ec",
): ((cert: X509Certificate) => boolean) | null {
  if (keyType === "rsa") {
    const modulus = optionalAttribute(lib, session, key, CKA_MODULUS);
    return modulus ? (cert) => withoutLeadingZeros(modulus).equals(publicKeyOf(cert)) : null;
  }
  const [pub] = findObjects(lib, session, [
    { type: CKA_CLASS, value: CKO_PUBLIC_KEY },
    { type: CKA_ID, value: id },
  ]);
  const point = pub ? optionalAttribute(lib, session, pub, CKA_EC_POINT) : null;
  // PKCS#11 wants the point DER-wrapped in an OCTET STRING; some tokens give it bare.
  return point
    ? (cert) => point.subarray(point.length - publicKeyOf(cert).length).equals(publicKeyOf(cert))
    : null;
}

/** RSA: the modulus; EC: the uncompressed point 04||x||y. */
function publicKeyOf(cert: X509Certificate): Buffer {
  const jwk = cert.publicKey.export({ format: "jwk" });
  if (jwk.kty === "RSA") return withoutLeadingZeros(Buffer.from(jwk.n ?? "", "base64url"));
  return Buffer.concat([
    Buffer.from([0x04]),
    Buffer.from(jwk.x ?? "", "base64url"),
    Buffer.from(jwk.y ?? "", "base64url"),
  ]);
}

const validAt = (c: X509Certificate, t: number) => Date.parse(c.validFrom) <= t && t <= Date.parse(c.validTo);

function withoutLeadingZeros(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
}

const blankTrimmed = (s: string) => s.replace(/[\s\0]+$/, "");

function findObjects(lib: Cryptoki, session: Handle, template: Attribute[]): Handle[] {
  lib.C_FindObjectsInit(session, template);
  try {
    const all: Handle[] = [];
    for (;;) {
      const batch = lib.C_FindObjects(session, 64);
      all.push(...batch);
      if (batch.length < 64) return all;
    }
  } finally {
    lib.C_FindObjectsFinal(session);
  }
}

function attributes<T extends number[]>(
  lib: Cryptoki,
  session: Handle,
  object: Handle,
  types: [...T],
): { [K in keyof T]: Buffer } {
  const got = lib.C_GetAttributeValue(
    session,
    object,
    types.map((type) => ({ type })),
  );
  return types.map((type) => got.find((a) => a.type === type)?.value ?? Buffer.alloc(0)) as {
    [K in keyof T]: Buffer;
  };
}

/** An attribute a token may not have or may not show (CKR_ATTRIBUTE_TYPE_INVALID, _SENSITIVE). */
function optionalAttribute(lib: Cryptoki, session: Handle, object: Handle, type: number): Buffer | null {
  try {
    const [value] = attributes(lib, session, object, [type]);
    return value?.length ? value : null;
  } catch {
    return null;
  }
}

/** A CK_ULONG attribute value, in the platform's byte order. */
function ulong(b: Buffer): number {
  const n = Math.min(b.length, 6);
  if (n === 0) return -1;
  return endianness() === "LE" ? b.readUIntLE(0, n) : b.readUIntBE(b.length - n, n);
}

const closeSession = (lib: Cryptoki, session: Handle) => {
  try {
    lib.C_CloseSession(session);
  } catch {
    // gone with the token, or with a re-initialised module
  }
};

// ---- Errors -----------------------------------------------------------------------------------

const PIN_FAILURES = new Set([
  CKR_PIN_INCORRECT,
  CKR_PIN_INVALID,
  CKR_PIN_LEN_RANGE,
  CKR_PIN_EXPIRED,
  CKR_PIN_LOCKED,
  CKR_USER_PIN_NOT_INITIALIZED,
]);

/** The PKCS#11 return value of an error pkcs11js raised, or null. */
function ckr(e: unknown): number | null {
  const err = e as { name?: unknown; code?: unknown };
  return err?.name === "Pkcs11Error" && typeof err.code === "number" ? err.code : null;
}

/** What a failed call means for the official: the PIN, or the token; a bug stays itself. */
function unavailable(e: unknown, p: Pkcs11Profile): Error {
  if (e instanceof SignerUnavailable) return e;
  const rv = ckr(e);
  const name = (e as Error)?.message ?? String(e);
  if (rv !== null && PIN_FAILURES.has(rv))
    return new SignerUnavailable(
      "PIN_REJECTED",
      `Token "${p.token}" rejected the PIN in ${p.pinEnv} (${name}). It is not tried again, so the ` +
        "token does not lock: set the right PIN and restart motcua",
      { cause: e },
    );
  if (rv !== null || (e as { name?: unknown })?.name === "NativeError")
    return new SignerUnavailable("TOKEN_UNAVAILABLE", `Token "${p.token}" cannot sign: ${name}`, {
      cause: e,
    });
  return e instanceof Error ? e : new Error(String(e));
}

// ---- The module: loaded once per library path, calls serialised ------------------------------

interface LoadedModule {
  path: string;
  lib: Cryptoki;
  /** Whether motcua called C_Initialize (then it may finalise and initialise again). */
  ownsInit: boolean;
  /** False after a re-initialisation that failed half-way. */
  initialised: boolean;
  /** Bumped when the module is initialised again: every session of the earlier one is gone. */
  generation: number;
  users: number;
  /** The last call queued: one call at a time per module. */
  tail: Promise<unknown>;
}

const modules = new Map<string, LoadedModule>();

/**
 * One call at a time per module. A PKCS#11 session must not be used by two threads at once, and
 * a hung token then holds one libuv pool thread, not all four (files and DNS share them).
 */
function serialised<T>(m: LoadedModule, fn: () => Promise<T>): Promise<T> {
  const run = m.tail.then(fn, fn);
  m.tail = run.catch(() => undefined);
  return run;
}

function acquire(path: string): LoadedModule {
  const known = modules.get(path);
  if (known) {
    known.users++;
    return known;
  }
  const binding = pkcs11js();
  const lib = new binding.PKCS11();
  try {
    lib.load(path);
  } catch (e) {
    throw new SignerUnavailable(
      "TOKEN_UNAVAILABLE",
      `The PKCS#11 module ${path} does not load: ${(e as Error).message}`,
      { cause: e },
    );
  }
  let ownsInit: boolean;
  try {
    ownsInit = initialise(lib);
  } catch (e) {
    lib.close();
    throw new SignerUnavailable(
      "TOKEN_UNAVAILABLE",
      `The PKCS#11 module ${path} does not initialise: ${(e as Error).message}`,
      { cause: e },
    );
  }
  const m: LoadedModule = {
    path,
    lib,
    ownsInit,
    initialised: true,
    generation: 0,
    users: 1,
    tail: Promise.resolve(),
  };
  modules.set(path, m);
  return m;
}

/** C_Initialize, letting the module lock with the OS's primitives; false if someone else had. */
function initialise(lib: Cryptoki): boolean {
  try {
    lib.C_Initialize({ flags: CKF_OS_LOCKING_OK });
  } catch (e) {
    if (ckr(e) === CKR_CRYPTOKI_ALREADY_INITIALIZED) return false;
    if (ckr(e) !== CKR_CANT_LOCK) throw e;
    lib.C_Initialize(); // calls are serialised anyway
  }
  return true;
}

function reinitialise(m: LoadedModule) {
  if (m.initialised) {
    m.initialised = false;
    m.generation++;
    try {
      m.lib.C_Finalize();
    } catch {
      // finalised already
    }
  }
  initialise(m.lib);
  m.initialised = true;
}

function release(m: LoadedModule) {
  if (--m.users > 0) return;
  // No signer is left to queue a call, and the last one's close waited for the queue.
  modules.delete(m.path);
  try {
    if (m.ownsInit && m.initialised) m.lib.C_Finalize();
    m.lib.close();
  } catch {
    // nothing left to do
  }
}

let addon: { PKCS11: new () => Cryptoki } | null = null;

/** The pkcs11js addon, or TOKEN_UNAVAILABLE saying why it is missing. */
function pkcs11js(): { PKCS11: new () => Cryptoki } {
  if (addon) return addon;
  try {
    addon = createRequire(import.meta.url)("pkcs11js") as { PKCS11: new () => Cryptoki };
    return addon;
  } catch (e) {
    throw new SignerUnavailable(
      "TOKEN_UNAVAILABLE",
      "PKCS#11 signing needs the pkcs11js addon, which is not installed or did not build on this " +
        "machine (it needs python3, make and a C++ compiler: npm rebuild pkcs11js). " +
        `Loading it said: ${(e as Error).message.split("\n")[0]}`,
      { cause: e },
    );
  }
}
