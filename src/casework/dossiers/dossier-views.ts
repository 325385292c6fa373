import { z } from "zod";
import { ACTION_RULES, type ActionType } from "./action-rules.ts";
import { dossierStatusSchema } from "./dossier-status.ts";

// Response shapes of the dossier API, so the OpenAPI document (and clients generated from it)
// say exactly what comes back. Times are ISO 8601 with +07:00.
const time = z.string().describe("ISO 8601 with +07:00");
const actionType = z.enum(Object.keys(ACTION_RULES) as [ActionType, ...ActionType[]]);

const applicantView = z.object({
  kind: z.enum(["individual", "organisation"]),
  name: z.string(),
  idNumber: z.string(),
  representative: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
  address: z.string().optional(),
});

export const dossierViewSchema = z
  .object({
    code: z.string(),
    procedure: z.object({ code: z.string(), name: z.string(), processVersion: z.number() }),
    channel: z.number().describe("KenhThucHien: 1 in person, 2 online, 3 post"),
    applicant: applicantView,
    submission: z.object({
      by: z.enum(["applicant", "authorised-person", "official"]),
      authorisedPerson: z.string().optional(),
      vneidVerified: z.boolean(),
      agencyNetwork: z.boolean(),
    }),
    components: z.array(
      z.object({ name: z.string(), form: z.string(), originals: z.number(), copies: z.number() }),
    ),
    receivingAgency: z.string(),
    handlingAgency: z.string(),
    status: dossierStatusSchema,
    statusLabel: z.string().describe("Plain Vietnamese"),
    dvcqgStatus: z.number().describe("TrangThaiHoSo 1–10"),
    currentStep: z.object({ key: z.string(), name: z.string(), role: z.string() }).nullable(),
    holder: z.object({ role: z.string(), agencyCode: z.string(), assigneeId: z.number().nullable() }),
    stepStartedAt: time.nullable(),
    stepDueAt: time.nullable(),
    receivedAt: time.nullable(),
    dueAt: time.nullable(),
    firstDueAt: time.nullable().describe("The appointment before any re-appointment"),
    finishedAt: time.nullable(),
    returnedAt: time.nullable(),
    flags: z.object({
      overdue: z.boolean(),
      dueSoon: z.boolean().describe("Open and due within one working day"),
      late: z.boolean().describe("Was or is past its due date; stays true after a re-appointment"),
      reappointed: z.boolean(),
      paused: z.boolean(),
      synthetic: z.boolean().describe("Demo data, not a real dossier"),
    }),
    states: z.object({ business: z.string(), signing: z.string(), delivery: z.string(), sync: z.string() }),
    resultKind: z.string().nullable(),
    subcases: z.array(
      z.object({
        id: z.string(),
        agencyCode: z.string(),
        openedAt: time.nullable(),
        dueAt: time.nullable(),
        closedAt: time.nullable(),
        note: z.string(),
      }),
    ),
    availableActions: z.array(actionType).describe("What the caller may do now; the server decides"),
  })
  .meta({ id: "Dossier", description: "Hồ sơ: a dossier as an official reads it" });

export const historyPageSchema = z.object({
  items: z.array(
    z.object({
      seq: z.number(),
      type: z.string(),
      at: time.nullable(),
      actor: z.string(),
      actorAgency: z.string(),
      note: z.string(),
      payload: z.record(z.string(), z.unknown()),
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      stepKey: z.string().nullable(),
      stepDueAt: time.nullable(),
    }),
  ),
  next: z.number().nullable().optional().describe("Pass as ?after= for the next page; null at the end"),
});

/** The first columns of every list of dossiers (listedDossier() fills them). */
export const listedDossierSchema = z.object({
  code: z.string(),
  procedureName: z.string(),
  applicantName: z.string(),
  status: dossierStatusSchema,
  statusLabel: z.string(),
});

export const inboxPageSchema = z.object({
  items: z.array(
    listedDossierSchema.extend({
      dvcqgStatus: z.number(),
      receivedAt: time.nullable(),
      dueAt: time.nullable(),
      stepDueAt: time.nullable(),
      overdue: z.boolean(),
      dueSoon: z.boolean().describe("Open and due within one working day"),
      late: z.boolean(),
      reappointed: z.boolean(),
    }),
  ),
  next: z.string().nullable().describe("Pass as ?cursor= for the next page; null at the end"),
});

export const trailSchema = z.object({
  holdings: z.array(
    z.object({
      stepKey: z.string().nullable(),
      stepName: z.string(),
      holder: z.string().describe("agency/role"),
      from: time,
      to: time.nullable(),
      workingMs: z.number(),
      workingHours: z.number(),
      dueAt: time.nullable(),
      verdict: z.enum(["early", "on-time", "late"]).nullable(),
      handedOverBy: z.string().nullable(),
    }),
  ),
  pingPong: z.object({ between: z.tuple([z.string(), z.string()]), times: z.number() }).nullable(),
  stalled: z.boolean(),
});

export const publicTrackingSchema = z.object({
  code: z.string(),
  procedureName: z.string(),
  status: dossierStatusSchema,
  statusLabel: z.string(),
  dvcqgStatus: z.number(),
  receivedAt: time.nullable(),
  dueAt: time.nullable(),
  steps: z.array(z.object({ name: z.string(), done: z.boolean(), current: z.boolean() })),
  askedOfYou: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe("What the applicant must still provide or pay"),
  timeline: z.array(z.object({ at: time.nullable(), status: z.string(), label: z.string() })),
});

export const dueSoonSchema = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      procedureName: z.string(),
      applicantName: z.string(),
      handlingAgency: z.string(),
      holder: z.object({ role: z.string(), agencyCode: z.string() }),
      dueAt: time,
      overdue: z.boolean(),
      draftForm04: z.object({ apologyVi: z.string(), proposedDueAt: time.nullable() }),
    }),
  ),
});
export type PublicTracking = z.infer<typeof publicTrackingSchema>;
