import type { ColumnType, Generated, JSONColumnType } from "kysely";
import type { Applicant, Submission, SubmittedComponent } from "../../casework/dossiers/dossier.types.ts";
import type { DossierStatus } from "../../casework/dossiers/dossier-status.ts";
import type { DossierFacts, FeedbackFacts } from "../../casework/kpi-facts/dossier-facts.ts";
import type { Measure } from "../../casework/kpi-facts/measures.ts";
import type { ChannelRow, Procedure } from "../../reference/catalog/catalog.types.ts";
import type { ProcessDefinition } from "../../reference/processes/process.types.ts";

/** Đơn vị hành chính, before or after the 1 July 2025 reorganisation. */
export interface AdminUnitTable {
  id: Generated<number>;
  code: string;
  era: "pre2025" | "post2025";
  level: "province" | "district" | "commune";
  name: string;
  full_name: string;
  name_en: string;
  unit_type: string;
  parent_code: string | null;
  province_code: string;
  /** Lower-case, tone marks in the modern position ("hòa", not "hoà"), for matching. */
  name_key: string;
  valid_from: string | null;
  valid_to: string | null;
}

/** Old → new unit links from the 2025 resolutions; "partial" means the old unit was split. */
export interface UnitSuccessionTable {
  level: "province" | "commune";
  old_code: string;
  new_code: string;
  kind: "full" | "partial";
}

export interface AgencyTable {
  code: string;
  name: string;
  kind: string;
  parent_code: string | null;
  unit_code: string | null;
  is_demo: boolean;
  sort_order: number;
}

export interface ProcedureTable {
  code: string;
  name: string;
  field: string;
  levels: string[];
  ministry: string;
  decision_number: string;
  procedure_type: string;
  applicant_types: string[];
  competent_agency: string;
  issuing_body: Generated<string>;
  implementing_agencies: Generated<string[]>;
  channels: JSONColumnType<ChannelRow[]>;
  components: JSONColumnType<Procedure["components"]>;
  results: JSONColumnType<Procedure["results"]>;
  legal_basis: JSONColumnType<Procedure["legalBasis"]>;
  detail_url: string;
  /** The crawled record as published, kept beside the parsed fields. */
  raw: JSONColumnType<Record<string, unknown>>;
}

/** The narrow copy search reads: code, name and field, unaccented and lower-cased. */
export interface ProcedureSearchTable {
  code: string;
  name: string;
  field: string;
  levels: string[];
  search_text: string;
}

export interface ProcedureResultTable {
  result_code: string;
  procedure_code: string;
  name: string;
}

export interface CatalogParseProblemTable {
  procedure_code: string;
  field: string;
  problem: string;
  severity: "error" | "warning";
}

export interface SpecialDayTable {
  date: ColumnType<string, string, string>;
  working: boolean;
  kind: string;
  name_vi: string;
  name_en: string;
  confidence: string;
  source: string;
  /** "data" from the bundled schedule, "override" from an administrator. */
  origin: "data" | "override";
}

export interface ImportRunTable {
  kind: string;
  source_hash: string;
  finished_at: ColumnType<Date, Date | string, Date | string>;
  stats: JSONColumnType<Record<string, unknown>>;
}

export interface OfficialTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  full_name: string;
  title: Generated<string>;
  agency_code: string;
  roles: string[];
  is_demo: Generated<boolean>;
  active: Generated<boolean>;
  /** Wrong passwords in a row; reset by a successful sign-in. */
  failed_logins: Generated<number>;
  locked_until: NullableTimestamp;
  /** Confirmed TOTP secret (base32); null until the official has confirmed one. */
  totp_secret: string | null;
  /** Offered at first sign-in, confirmed by the first good code. */
  totp_pending_secret: string | null;
  /** The last 30-second step a code was accepted for: a code works once. */
  totp_last_step: ColumnType<string | null, string | number | null, string | number | null>;
}

export interface AuthTokenTable {
  token_hash: string;
  official_id: number;
  expires_at: ColumnType<Date, Date, Date>;
}

export interface ProcessDefinitionTable {
  procedure_code: string;
  version: number;
  definition: JSONColumnType<ProcessDefinition>;
  created_at: Generated<Date>;
  created_by: number | null;
}

type Timestamp = ColumnType<Date, Date, Date>;
type NullableTimestamp = ColumnType<Date | null, Date | null | undefined, Date | null>;

/** The projection of a dossier's journal (hồ sơ). */
export interface DossierTable {
  id: Generated<string>;
  code: string;
  pin_hash: string;
  procedure_code: string;
  procedure_name: string;
  process_version: number;
  channel: 1 | 2 | 3;
  applicant: JSONColumnType<Applicant>;
  submission: JSONColumnType<Submission>;
  components: JSONColumnType<SubmittedComponent[]>;
  receiving_agency: string;
  handling_agency: string;
  status: DossierStatus;
  dvcqg_status: number;
  step_index: number | null;
  step_role: string;
  step_agency: string;
  step_started_at: NullableTimestamp;
  step_due_at: NullableTimestamp;
  assignee_id: number | null;
  received_at: Timestamp;
  due_at: NullableTimestamp;
  first_due_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  returned_at: NullableTimestamp;
  paused_at: NullableTimestamp;
  paused_working_ms: ColumnType<string, number | string | undefined, number | string>;
  reappointed: Generated<boolean>;
  late: Generated<boolean>;
  open_subcases: Generated<number>;
  result_kind: string | null;
  signing_state: Generated<string>;
  delivery_state: Generated<string>;
  sync_state: Generated<string>;
  last_seq: number;
  synthetic: Generated<boolean>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  /** desk (received at a counter) or portal (pulled from DVCQG). */
  origin: Generated<string>;
  /** The portal's MaHoSo for dossiers filed on DVCQG. */
  portal_ref: string | null;
  /** Population-database check: verified, mismatch, not-found, pending, not-applicable, not-configured. */
  identity_check: Generated<string>;
  identity_checked_at: NullableTimestamp;
  /** Business-registry record the applicant came from ({kind, code}). */
  registry_ref: JSONColumnType<{ kind: string; code: string } | null, string | null | undefined>;
  /** Applicant fields the official typed although the registry held them (goal: none). */
  retyped_fields: Generated<string[]>;
  /** Why the result was issued on paper only (status 9 needs a signed result or this). */
  paper_result_reason: string | null;
  /** When the personal data was removed at the end of retention (retention.service.ts). */
  personal_data_purged_at: NullableTimestamp;
}

/** One entry of a dossier's append-only journal. */
export interface DossierActionTable {
  dossier_id: string;
  seq: number;
  type: string;
  actor_id: number | null;
  actor_agency: string;
  at: Timestamp;
  note: string;
  payload: JSONColumnType<Record<string, unknown>>;
  from_status: string | null;
  to_status: string;
  step_key: string | null;
  step_due_at: NullableTimestamp;
}

export interface DossierCodeCounterTable {
  agency_code: string;
  day: string;
  last: number;
}

/** A keyed request's original response, encrypted with a key derived from the Idempotency-Key. */
export interface IdempotencyKeyTable {
  official_id: number;
  key_hash: string;
  route: string;
  fingerprint: string;
  dossier_id: string | null;
  status: number;
  response: Buffer;
  created_at: Generated<Date>;
}

/** A liên thông sub-case at another agency, joined before the result. */
export interface DossierSubcaseTable {
  id: Generated<string>;
  dossier_id: string;
  agency_code: string;
  opened_at: Timestamp;
  due_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  note: string;
  result_note: Generated<string>;
}

/** One journal entry to deliver to one subscriber (DVCQG, notifications). */
export interface OutboxEventTable {
  id: Generated<string>;
  topic: string;
  dossier_id: string;
  seq: number;
  created_at: Generated<Date>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  delivered_at: Date | null;
  outcome: string | null;
  last_error: string | null;
}

export interface OutboxFailureTable {
  id: Generated<string>;
  topic: string;
  event_id: string;
  at: Generated<Date>;
  reason: string;
  detail: Generated<string>;
}

export interface StoredFileTable {
  id: Generated<string>;
  dossier_id: string | null;
  component: Generated<string>;
  kind: Generated<string>;
  name: string;
  mime: string;
  size: ColumnType<string, number, number>;
  sha256: string;
  source: Generated<string>;
  uploaded_by: number | null;
  created_at: Generated<Date>;
  /** Text read from a scanned image (Vietnamese OCR), for search. */
  ocr_text: string | null;
  ocr_at: Date | null;
}

export interface PopulationLookupTable {
  id: Generated<string>;
  at: Generated<Date>;
  official_id: number | null;
  purpose: string;
  dossier_id: string | null;
  id_number_masked: string;
  outcome: string;
  ms: number;
}

export interface PaymentTable {
  id: Generated<string>;
  dossier_id: string;
  reference: string;
  amount: ColumnType<string, number, number>;
  lines: JSONColumnType<{ name: string; amount: number }[]>;
  state: Generated<string>;
  pay_url: Generated<string>;
  initiated_at: Timestamp;
  initiated_by: number | null;
  paid_at: NullableTimestamp;
  platform_txn: string | null;
  receipt_file_id: string | null;
  last_checked_at: NullableTimestamp;
}

export interface NotificationTable {
  id: Generated<string>;
  dossier_id: string;
  seq: number;
  event: string;
  channel: string;
  recipient_masked: string;
  sent_at: Generated<Date>;
  provider_ref: Generated<string>;
}

export interface IntegrationStateTable {
  key: string;
  value: JSONColumnType<Record<string, unknown>>;
  updated_at: Generated<Date>;
}

export interface CitizenSessionTable {
  token_hash: string;
  id_number: string;
  name: string;
  level: number;
  expires_at: Timestamp;
}

export interface DossierTrackingTable {
  dossier_id: string;
  id_number: string;
  at: Generated<Date>;
}

/** Kho dữ liệu: a citizen's or business's documents on file, reusable by result code. */
export interface CitizenDocumentTable {
  id: Generated<string>;
  owner_id: string;
  kind: "result" | "digitised" | "certified-copy" | "national";
  result_code: Generated<string>;
  document_number: Generated<string>;
  title: string;
  file_id: string | null;
  dossier_id: string | null;
  issuer: Generated<string>;
  signed: Generated<boolean>;
  signer: Generated<string>;
  signed_at: NullableTimestamp;
  sha256: Generated<string>;
  valid_until: string | null;
  source: Generated<string>;
  public_id: Generated<string>;
  created_at: Generated<Date>;
}

export interface DocumentRegisterTable {
  agency_code: string;
  year: number;
  last: number;
}

/** A dossier's KPI facts as last applied to the aggregates (src/kpi/dossier-facts.ts). */
export interface KpiFactTable {
  dossier_id: string;
  facts: JSONColumnType<DossierFacts>;
  online: string;
  received_day: ColumnType<string, string, string>;
  receiving_agency: string;
}

type MeasureColumns = { [M in Measure]: ColumnType<string, number | undefined, number> };

/** Chỉ số theo ngày × cơ quan × thủ tục × kênh. */
export interface KpiDailyTable extends MeasureColumns {
  day: ColumnType<string, string, string>;
  agency_code: string;
  procedure_code: string;
  channel: number;
}

export interface KpiAgencyDayTable extends MeasureColumns {
  agency_code: string;
  day: ColumnType<string, string, string>;
}

export interface KpiAgencyMonthTable extends MeasureColumns {
  agency_code: string;
  month: ColumnType<string, string, string>;
}

/** Phản ánh, kiến nghị: a citizen's or business's feedback, routed to the agency that answers it. */
export interface FeedbackTable {
  id: Generated<string>;
  code: string;
  pin_hash: string;
  kind: "complaint" | "suggestion";
  subject: "dossier" | "procedure" | "agency";
  dossier_id: string | null;
  procedure_code: string | null;
  agency_code: string;
  title: string;
  content: string;
  submitter_name: Generated<string>;
  submitter_contact: Generated<string>;
  submitter_id: string | null;
  status: "received" | "assigned" | "answered" | "closed" | "reopened";
  received_at: Timestamp;
  due_at: NullableTimestamp;
  assignee_id: number | null;
  answer: Generated<string>;
  answered_at: NullableTimestamp;
  publish: Generated<boolean>;
  closed_at: NullableTimestamp;
  last_seq: number;
  kpi_facts: JSONColumnType<FeedbackFacts | null, string | null, string | null>;
}

export interface FeedbackActionTable {
  feedback_id: string;
  seq: number;
  type: string;
  actor_id: number | null;
  at: Timestamp;
  note: Generated<string>;
  from_status: string | null;
  to_status: string;
}

export interface DossierRatingTable {
  dossier_id: string;
  rating: "satisfied" | "neutral" | "dissatisfied";
  comment: Generated<string>;
  official_rating: "satisfied" | "neutral" | "dissatisfied" | null;
  via: "tracking" | "kiosk" | "link";
  at: Timestamp;
}

/** Văn bản quy định chi tiết owed by the province or a ministry. */
export interface RegulationTable {
  id: Generated<string>;
  title: string;
  legal_basis: string;
  issuer_level: "province" | "ministry";
  agency_code: string;
  due_on: ColumnType<string, string, string>;
  original_due_on: ColumnType<string, string, string>;
  status: "drafting" | "submitted" | "issued" | "cancelled";
  issued_number: string | null;
  issued_on: ColumnType<string | null, string | null, string | null>;
  note: Generated<string>;
  created_at: Timestamp;
  last_seq: number;
  /** Demo data (dữ liệu mẫu): the report says so. */
  synthetic: Generated<boolean>;
}

/** Kiểm tra công tác CCHC: a planned inspection of an agency or commune. */
export interface InspectionTable {
  id: Generated<string>;
  title: string;
  target_agency: string;
  inspector_agency: string;
  lead_name: string;
  starts_on: ColumnType<string, string, string>;
  ends_on: ColumnType<string, string, string>;
  status: "planned" | "in-progress" | "completed" | "cancelled";
  conclusion: Generated<string>;
  created_at: Timestamp;
  last_seq: number;
  /** Demo data (dữ liệu mẫu): the report says so. */
  synthetic: Generated<boolean>;
}

export interface InspectionFindingTable {
  id: Generated<string>;
  inspection_id: string;
  description: string;
  owner_agency: string;
  remedy_due_on: ColumnType<string, string, string>;
  dossier_code: string | null;
  procedure_code: string | null;
  status: "open" | "remedied" | "closed";
  remedy: Generated<string>;
  remedied_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  created_at: Timestamp;
  last_seq: number;
}

export interface ReformTaskTable {
  id: Generated<string>;
  area: string;
  title: string;
  agency_code: string;
  due_on: ColumnType<string, string, string>;
  progress: Generated<number>;
  status: "open" | "done" | "cancelled";
  done_on: ColumnType<string | null, string | null, string | null>;
  note: Generated<string>;
  created_at: Timestamp;
  last_seq: number;
  /** Demo data (dữ liệu mẫu): the report says so. */
  synthetic: Generated<boolean>;
}

export interface SteeringEventTable {
  entity: "regulation" | "inspection" | "finding" | "task";
  entity_id: string;
  seq: number;
  type: string;
  actor_id: number | null;
  at: Timestamp;
  note: Generated<string>;
  payload: JSONColumnType<Record<string, unknown>, string, string>;
}

export interface SteeringReminderTable {
  id: Generated<string>;
  entity: "regulation" | "finding" | "task";
  entity_id: string;
  kind: string;
  agency_code: string;
  title: string;
  due_on: ColumnType<string, string, string>;
  created_at: Timestamp;
  read_at: NullableTimestamp;
}

/** Nhật ký kiểm tra: append-only, sealed into a hash chain (audit-chain.ts). */
export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_kind: "official" | "citizen" | "public" | "system";
  actor_id: string | null;
  roles: Generated<string[]>;
  agency_code: string | null;
  action: string;
  object_type: string;
  object_id: Generated<string>;
  purpose: Generated<string>;
  request_id: Generated<string>;
  status: number;
  details: JSONColumnType<Record<string, unknown>, string, string>;
  seal_seq: ColumnType<string | null, never, string>;
  prev_hash: ColumnType<string | null, never, string>;
  hash: ColumnType<string | null, never, string>;
}

export interface Database {
  audit_log: AuditLogTable;
  regulation: RegulationTable;
  inspection: InspectionTable;
  inspection_finding: InspectionFindingTable;
  reform_task: ReformTaskTable;
  steering_event: SteeringEventTable;
  steering_reminder: SteeringReminderTable;
  feedback: FeedbackTable;
  feedback_action: FeedbackActionTable;
  dossier_rating: DossierRatingTable;
  kpi_fact: KpiFactTable;
  kpi_daily: KpiDailyTable;
  kpi_agency_day: KpiAgencyDayTable;
  kpi_agency_month: KpiAgencyMonthTable;
  citizen_document: CitizenDocumentTable;
  document_register: DocumentRegisterTable;
  outbox_event: OutboxEventTable;
  outbox_failure: OutboxFailureTable;
  stored_file: StoredFileTable;
  population_lookup: PopulationLookupTable;
  payment: PaymentTable;
  notification: NotificationTable;
  integration_state: IntegrationStateTable;
  citizen_session: CitizenSessionTable;
  dossier_tracking: DossierTrackingTable;
  admin_unit: AdminUnitTable;
  unit_succession: UnitSuccessionTable;
  agency: AgencyTable;
  procedure: ProcedureTable;
  procedure_search: ProcedureSearchTable;
  procedure_result: ProcedureResultTable;
  catalog_parse_problem: CatalogParseProblemTable;
  special_day: SpecialDayTable;
  import_run: ImportRunTable;
  official: OfficialTable;
  auth_token: AuthTokenTable;
  process_definition: ProcessDefinitionTable;
  dossier: DossierTable;
  dossier_action: DossierActionTable;
  dossier_code_counter: DossierCodeCounterTable;
  idempotency_key: IdempotencyKeyTable;
  dossier_subcase: DossierSubcaseTable;
}
