import { type ParseProblem, type Procedure, procedureSchema, type RawProcedure } from "./catalog.types.ts";
import type { MinistryListRow } from "./ministry-lists.ts";
import { parseChannels } from "./parse-channels.ts";
import { parseComponents, parseLegalBasis, parseResults } from "./parse-documents.ts";

const NO_INFO = "Không có thông tin";

/** Turns one crawled record into a typed procedure; what it cannot read goes to `problems`. */
export function parseProcedure(
  raw: RawProcedure,
  ministry: string,
  listed?: MinistryListRow,
): { procedure: Procedure | null; problems: ParseProblem[] } {
  const problems: ParseProblem[] = [];
  const code = raw.ma_thu_tuc.trim();
  const parsed = procedureSchema.safeParse({
    code,
    name: raw.ten_thu_tuc.trim(),
    field: raw.linh_vuc.trim(),
    levels: splitList(raw.cap_thuc_hien),
    ministry,
    decisionNumber: raw.so_quyet_dinh.trim(),
    procedureType: raw.loai_thu_tuc.trim(),
    applicantTypes: splitList(raw.doi_tuong_thuc_hien),
    competentAgency:
      informative(raw.co_quan_co_tham_quyen) ||
      informative(raw.co_quan_thuc_hien) ||
      (listed?.implementingAgencies ?? []).join("; "),
    issuingBody: listed?.issuingBody ?? "",
    implementingAgencies: listed?.implementingAgencies ?? [],
    channels: parseChannels(code, raw.cach_thuc_thuc_hien, problems),
    components: parseComponents(code, raw.thanh_phan_ho_so, problems),
    results: parseResults(code, raw.ket_qua_xu_ly, problems),
    legalBasis: parseLegalBasis(code, raw.can_cu_phap_ly, problems),
    detailUrl: raw.detail_url,
  });
  if (parsed.success) return { procedure: parsed.data, problems };
  for (const issue of parsed.error.issues) {
    problems.push({ code, field: issue.path.join("."), problem: issue.message, severity: "error" });
  }
  return { procedure: null, problems };
}

/** A procedure counts as parsed when every channel row has a time (or says none) and a fee. */
export function isFullyParsed(p: Procedure | null, problems: ParseProblem[]): p is Procedure {
  return p !== null && p.channels.length > 0 && !problems.some((x) => x.severity === "error");
}

function splitList(s: string): string[] {
  return s
    .split(/,\s*|;\s*/)
    .map((x) => x.trim())
    .filter((x) => x && x !== NO_INFO);
}

function informative(s: string): string {
  const t = s.trim();
  return t === NO_INFO ? "" : t;
}
