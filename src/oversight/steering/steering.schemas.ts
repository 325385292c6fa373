import { z } from "zod";
import {
  findingStatusSchema,
  inspectionStatusSchema,
  reformAreaSchema,
  regulationStatusSchema,
} from "./steering.types.ts";

const standing = {
  overdue: z.boolean(),
  daysOverdue: z.number().int(),
  daysLeft: z.number().int().nullable().describe("null once done"),
};

export const regulationViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  legalBasis: z.string(),
  issuerLevel: z.enum(["province", "ministry"]),
  agencyCode: z.string(),
  agencyName: z.string(),
  dueOn: z.string(),
  originalDueOn: z.string().describe("The first due date: issuing after it is late even when rescheduled"),
  status: regulationStatusSchema,
  issuedNumber: z.string().nullable(),
  issuedOn: z.string().nullable(),
  note: z.string(),
  ...standing,
  issuedLate: z.boolean(),
});

export const journalSchema = z.array(
  z.object({
    seq: z.number().int(),
    type: z.string(),
    at: z.string(),
    note: z.string(),
    payload: z.record(z.string(), z.unknown()),
    actorName: z.string().nullable(),
  }),
);

export const findingViewSchema = z.object({
  id: z.string(),
  inspectionId: z.string(),
  description: z.string(),
  ownerAgency: z.string(),
  ownerName: z.string(),
  remedyDueOn: z.string(),
  dossierCode: z.string().nullable(),
  procedureCode: z.string().nullable(),
  status: findingStatusSchema,
  remedy: z.string(),
  remediedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  ...standing,
});

export const inspectionViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  targetAgency: z.string(),
  targetName: z.string(),
  inspectorAgency: z.string(),
  inspectorName: z.string(),
  leadName: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: inspectionStatusSchema,
  conclusion: z.string(),
  findings: z.array(findingViewSchema),
});

export const taskViewSchema = z.object({
  id: z.string(),
  area: reformAreaSchema,
  areaName: z.string(),
  title: z.string(),
  agencyCode: z.string(),
  agencyName: z.string(),
  dueOn: z.string(),
  progress: z.number().int(),
  status: z.enum(["open", "done", "cancelled"]),
  doneOn: z.string().nullable(),
  note: z.string(),
  ...standing,
  doneLate: z.boolean(),
});

export const reminderViewSchema = z.object({
  id: z.string(),
  entity: z.enum(["regulation", "finding", "task"]),
  entityId: z.string(),
  kind: z.string().describe("due-N: N days or fewer left; overdue: the date has passed"),
  agencyCode: z.string(),
  title: z.string(),
  dueOn: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
});

export const steeringSummarySchema = z.object({
  asOf: z.string(),
  syntheticItems: z.number().int(),
  regulations: z.object({
    owed: z.number().int(),
    issued: z.number().int(),
    issuedInPeriod: z.number().int(),
    issuedLate: z.number().int(),
    overdue: z.number().int(),
    byAgency: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        owed: z.number().int(),
        issued: z.number().int(),
        overdue: z.number().int(),
      }),
    ),
    overdueItems: z.array(
      z.object({
        title: z.string(),
        legalBasis: z.string(),
        agencyName: z.string(),
        dueOn: z.string(),
        daysOverdue: z.number().int(),
      }),
    ),
  }),
  findings: z.object({
    total: z.number().int(),
    open: z.number().int(),
    remedied: z.number().int(),
    closed: z.number().int(),
    overdue: z.number().int(),
  }),
  tasks: z.array(
    z.object({
      area: reformAreaSchema,
      name: z.string(),
      total: z.number().int(),
      done: z.number().int(),
      overdue: z.number().int(),
      progress: z.number().int(),
    }),
  ),
});
