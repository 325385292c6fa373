import { err, ok, type Result } from "../../common/result.ts";
import { requestJson } from "../http-json.client.ts";
import type { DeliveryFailure } from "../outbox/retry.ts";
import {
  type DossierMessage,
  type PortalAnswer,
  type PortalVerdict,
  type ProgressMessage,
  verdictOf,
} from "./dvcqg.messages.ts";

export interface DvcqgConfig {
  baseUrl: string;
  username: string;
  password: string;
  /** madonvi: the province's unit code on the portal. */
  unitCode: string;
  timeoutMs: number;
}

type Answer = Result<PortalAnswer & { verdict: PortalVerdict }, DeliveryFailure>;

/** The National Public Service Portal (DVCQG): session login, then service calls. */
export class DvcqgClient {
  private session: string | null = null;

  constructor(readonly config: DvcqgConfig) {}

  private async login(): Promise<Result<string, DeliveryFailure>> {
    const r = await requestJson("POST", `${this.config.baseUrl}/api/login`, {
      body: { username: this.config.username, password: this.config.password },
      timeoutMs: this.config.timeoutMs,
    });
    if (!r.ok) return r;
    const a = r.value.body as PortalAnswer & { session?: string };
    if (verdictOf(a) !== "ok" || !a.session) {
      return err({ reason: "login-failed", detail: String(a?.message ?? r.value.status), retryable: true });
    }
    this.session = a.session;
    return ok(a.session);
  }

  /** One service call; an expired session is renewed once. */
  async call(service: string, data: Record<string, unknown>): Promise<Answer> {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (!this.session) {
        const login = await this.login();
        if (!login.ok) return login;
      }
      const r = await requestJson("POST", `${this.config.baseUrl}/api/service`, {
        body: { session: this.session, madonvi: this.config.unitCode, service, ...data },
        timeoutMs: this.config.timeoutMs,
      });
      if (!r.ok) return r;
      const answer = r.value.body as PortalAnswer;
      const verdict = verdictOf(answer ?? { error_code: -1 });
      if (verdict === "session-expired") {
        this.session = null;
        continue;
      }
      return ok({ ...answer, verdict });
    }
    return err({ reason: "session-expired", detail: service, retryable: true });
  }

  /** DongBoHoSoMC: create, or update when the portal has it; "already exists" turns into an update. */
  async pushDossier(msg: DossierMessage, exists: boolean): Promise<Result<void, DeliveryFailure>> {
    let updating = exists;
    for (let attempt = 0; attempt < 2; attempt++) {
      const r = await this.call("DongBoHoSoMC", { isUpdating: updating ? "True" : "False", data: [msg] });
      if (!r.ok) return r;
      if (r.value.verdict === "ok") return ok(undefined);
      if (r.value.verdict === "already-exists" && !updating) updating = true;
      else if (r.value.verdict === "not-found" && updating) updating = false;
      else return err(rejected("DongBoHoSoMC", r.value));
    }
    return err(rejected("DongBoHoSoMC", { error_code: -1, message: "create/update loop" }));
  }

  /** CapNhatTienDoHoSoMC: one progress entry. */
  async pushProgress(msg: ProgressMessage): Promise<Result<void, DeliveryFailure>> {
    const r = await this.call("CapNhatTienDoHoSoMC", { data: [msg] });
    if (!r.ok) return r;
    if (r.value.verdict === "ok" || r.value.verdict === "already-exists") return ok(undefined);
    return err(rejected("CapNhatTienDoHoSoMC", r.value));
  }

  /** TraCuuHoSo: the portal's copy of a dossier, or null. */
  async lookup(code: string): Promise<Result<Record<string, unknown> | null, DeliveryFailure>> {
    const r = await this.call("TraCuuHoSo", { MaHoSo: code });
    if (!r.ok) return r;
    if (r.value.verdict === "not-found") return ok(null);
    if (r.value.verdict !== "ok") return err(rejected("TraCuuHoSo", r.value));
    return ok((r.value.result as Record<string, unknown>) ?? null);
  }

  /** Dossiers of this unit changed on the portal since a moment (for reconciliation and pull). */
  async list(service: "DanhSachHoSo" | "LayHoSoMoi", since: string) {
    const r = await this.call(service, { TuNgay: since });
    if (!r.ok) return r;
    if (r.value.verdict !== "ok") return err(rejected(service, r.value));
    return ok((r.value.result as Record<string, unknown>[]) ?? []);
  }
}

function rejected(service: string, a: PortalAnswer): DeliveryFailure {
  // The portal refused the content: retrying later may help after a fix, so keep it queued.
  return {
    reason: "portal-rejected",
    detail: `${service}: ${a.error_code} ${a.message ?? ""}`,
    retryable: true,
  };
}
