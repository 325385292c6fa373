import { randomBytes } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { OID, tstInfoOf } from "./cms.ts";
import { type TimestampAuthority, TimestampUnavailable } from "./result-signer.ts";

/** An RFC 3161 TSA over HTTP (RFC 3161 3.4: application/timestamp-query). */
export function httpTimestampAuthority(url: string, timeoutMs = 10_000): TimestampAuthority {
  return {
    async timestamp(sha256) {
      try {
        return await ask(url, timeoutMs, sha256);
      } catch (e) {
        throw new TimestampUnavailable(`Time-stamping at ${url} failed: ${(e as Error).message}`, {
          cause: e,
        });
      }
    },
  };
}

async function ask(url: string, timeoutMs: number, sha256: Uint8Array): Promise<Uint8Array> {
  const nonce = randomBytes(8);
  nonce[0] = (nonce[0] ?? 0) & 0x7f; // a positive INTEGER without a padding byte
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: sha256 }),
    }),
    nonce: new asn1js.Integer({ valueHex: nonce }),
    // The token then carries the TSA's certificate, so a validator needs nothing else.
    certReq: true,
  });
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/timestamp-query" },
    body: new Uint8Array(request.toSchema().toBER()),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!res.ok) throw new Error(`The time-stamping authority answered HTTP ${res.status}`);
  return checkedToken(new Uint8Array(await res.arrayBuffer()), sha256, nonce);
}

/** The token of a TimeStampResp, once it is granted for this digest and this nonce. */
export function checkedToken(response: Uint8Array, sha256: Uint8Array, nonce: Uint8Array): Uint8Array {
  const resp = pkijs.TimeStampResp.fromBER(new Uint8Array(response));
  if (resp.status.status > 1 || !resp.timeStampToken)
    throw new Error(`The time-stamping authority refused (status ${resp.status.status})`);
  const token = resp.timeStampToken;
  const tst = tstInfoOf(token);
  const imprint = new Uint8Array(tst.messageImprint.hashedMessage.valueBlock.valueHexView);
  if (tst.messageImprint.hashAlgorithm.algorithmId !== OID.sha256 || !Buffer.from(imprint).equals(sha256))
    throw new Error("The time-stamp token is for another digest");
  const got = tst.nonce ? Buffer.from(tst.nonce.valueBlock.valueHexView) : null;
  if (!got?.equals(Buffer.from(nonce))) throw new Error("The time-stamp token answers another request");
  return new Uint8Array(token.toSchema().toBER());
}
