import { err, ok, type Result } from "../../kernel/common/result.ts";
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

  /**
   * DongBoHoSoMC for a list of dossiers (create, or update with isUpdating "True"); CapNhatTienDoHoSoMC
   * for a list of progress entries. One verdict per item; a transport failure fails them all.
   */
  async pushList(
    service: "DongBoHoSoMC" | "CapNhatTienDoHoSoMC",
    items: readonly (DossierMessage | ProgressMessage)[],
    updating = false,
  ): Promise<Result<PortalVerdict[], DeliveryFailure>> {
    if (items.length === 0) return ok([]);
    const r = await this.call(service, {
      ...(service === "DongBoHoSoMC" ? { isUpdating: updating ? "True" : "False" } : {}),
      data: items,
    });
    if (!r.ok) return r;
    const perItem = r.value.result;
    if (Array.isArray(perItem) && perItem.length === items.length) {
      return ok(perItem.map((a) => verdictOf(a as PortalAnswer)));
    }
    // A portal that answers once for the whole list: the answer is every item's.
    return ok(items.map(() => r.value.verdict));
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

export function rejected(service: string, a: PortalAnswer): DeliveryFailure {
  // The portal refused the content: retrying later may help after a fix, so keep it queued.
  return {
    reason: "portal-rejected",
    detail: `${service}: ${a.error_code} ${a.message ?? ""}`,
    retryable: true,
  };
}
