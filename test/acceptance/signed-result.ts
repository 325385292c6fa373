/**
 * An electronic result issued over HTTP as the officials issue it, and poppler's pdfsig's verdict
 * on the file they download (acceptance test 5b).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { receive, receptionBody, signIn } from "./harness.ts";

export const hasPdfsig = spawnSync("sh", ["-c", "command -v pdfsig"]).status === 0;

/** The default process of procedure 1.000894, from the desk to the clerk who issues the result. */
const STEPS: [string, Record<string, unknown>][] = [
  ["desk", { type: "forward" }],
  ["specialist", { type: "forward", note: "Hồ sơ hợp lệ" }],
  ["head", { type: "forward" }],
  ["leader", { type: "approve" }],
  ["clerk", { type: "issue-result", resultCodes: [] }],
];

async function api(base: string, token: string, method: string, path: string, body?: unknown) {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path} answered ${r.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

/** Receives a dossier at the desk, moves it through the process, and downloads the signed result. */
export async function issueResultOverHttp(
  base: string,
  component: string,
  idNumber: string,
): Promise<{ code: string; pdf: Buffer }> {
  const tokens = new Map<string, string>();
  for (const [user] of STEPS) tokens.set(user, await signIn(base, user));
  const desk = tokens.get("desk") as string;
  const received = await receive(base, desk, receptionBody(component, idNumber, "Trần Thị Kết Quả"));
  if (received.status !== 201 || !received.code)
    throw new Error(`reception: ${received.status} ${JSON.stringify(received.error ?? received.failure)}`);
  const code = received.code;
  for (const [user, action] of STEPS)
    await api(base, tokens.get(user) as string, "POST", `/api/v1/dossiers/${code}/actions`, action);
  const files = (await api(base, desk, "GET", `/api/v1/dossiers/${code}/files`)) as {
    items: { kind: string; url: string | null }[];
  };
  const result = files.items.find((f) => f.kind === "result");
  if (!result?.url) throw new Error(`no result file listed for ${code}: ${JSON.stringify(files.items)}`);
  // The link carries the deployment's public address; the path and its signature are what count.
  const link = new URL(result.url);
  const r = await fetch(`${base}${link.pathname}${link.search}`, { signal: AbortSignal.timeout(30_000) });
  if (!r.ok) throw new Error(`download of the result: ${r.status} ${(await r.text()).slice(0, 300)}`);
  return { code, pdf: Buffer.from(await r.arrayBuffer()) };
}

/** pdfsig's output and, per signature it lists, its "Signature Validation" line (trust is a separate line). */
export function pdfsig(pdf: Buffer): { out: string; verdicts: string[] } {
  const dir = mkdtempSync(join(tmpdir(), "motcua-pdfsig-"));
  try {
    const file = join(dir, "result.pdf");
    writeFileSync(file, pdf);
    const r = spawnSync("pdfsig", [file], { encoding: "utf8", timeout: 30_000 });
    const out = `${r.stdout}${r.stderr}`;
    const blocks = out.split(/^Signature #\d+:/m).slice(1);
    const verdicts = blocks.map((b) => /Signature Validation: (.*)/.exec(b)?.[1]?.trim() ?? "(no verdict)");
    return { out, verdicts };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Verdicts = { valid?: boolean; signature?: { valid?: boolean }; report?: { valid?: boolean } };

/**
 * Every overall verdict a verification answer gives: `signature.valid` (the last signature's) and,
 * where the answer has them, `report.valid` (every signature) and a top-level `valid`.
 */
export function reportVerdicts(answer: Verdicts): boolean[] {
  return [answer.valid, answer.signature?.valid, answer.report?.valid].filter((v) => v !== undefined);
}
