import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../app/context.ts";
import type { Official } from "../../kernel/caller.ts";
import { officialOf } from "../../kernel/http/auth-guard.ts";
import { errorResponseSchema, guardedErrorResponses, sendError } from "../../kernel/http/errors.ts";
import { agencySubtree } from "../../reference/agencies/agencies.service.ts";
import { isoDate } from "../../reference/calendar/calendar.types.ts";
import {
  actOnFinding,
  actOnInspection,
  listFindings,
  listInspections,
  planInspection,
  recordFinding,
} from "./inspections.service.ts";
import { actOnTask, assignTask, listTasks } from "./reform-tasks.service.ts";
import {
  actOnRegulation,
  listRegulations,
  registerRegulation,
  regulationDetail,
} from "./regulations.service.ts";
import { markReminderRead, remindersFor } from "./reminders.service.ts";
import { journalOf } from "./steering.repository.ts";
import {
  findingViewSchema,
  inspectionViewSchema,
  journalSchema,
  regulationViewSchema,
  reminderViewSchema,
  steeringSummarySchema,
  taskViewSchema,
} from "./steering.schemas.ts";
import {
  findingActionSchema,
  findingInputSchema,
  findingStatusSchema,
  inspectionActionSchema,
  inspectionInputSchema,
  inspectionStatusSchema,
  reformAreaSchema,
  regulationActionSchema,
  regulationInputSchema,
  regulationStatusSchema,
  taskActionSchema,
  taskInputSchema,
} from "./steering.types.ts";
import { steeringSummary } from "./steering-summary.service.ts";

const errors = { ...guardedErrorResponses, 422: errorResponseSchema };
const idParams = z.object({ id: z.string().regex(/^\d{1,18}$/, "mã số không hợp lệ") });
const flag = z.enum(["true", "false"]).transform((v) => v === "true");
const created = { 201: z.object({ id: z.string() }), ...errors };
const tags = ["steering"];

/**
 * Reform steering (chỉ đạo điều hành CCHC). Every official reads what their agency's subtree is
 * responsible for; administrators and supervisors read the province. What each may change is in
 * steering-rules.ts.
 */
export const steeringRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const sctx = () => ({ db: ctx.db, now: ctx.now() });
    const actor = (o: Official) => ({ id: o.id, roles: o.roles, agencyCode: o.agencyCode });
    const scope = async (o: Official) =>
      o.roles.includes("admin") || o.roles.includes("supervisor")
        ? null
        : agencySubtree(ctx.db, o.agencyCode);

    app.get(
      "/steering/regulations",
      {
        schema: {
          tags,
          summary:
            "The register of detailing regulations (văn bản quy định chi tiết) owed, earliest deadline first",
          querystring: z.object({
            status: regulationStatusSchema.optional(),
            agency: z.string().max(60).optional(),
            overdue: flag.optional(),
          }),
          response: { 200: z.object({ items: z.array(regulationViewSchema) }), ...errors },
        },
      },
      async (req) => {
        const { agency, ...q } = req.query;
        const items = await listRegulations(
          ctx.db,
          { ...q, agencyCode: agency, scope: await scope(officialOf(req)) },
          ctx.now(),
        );
        return { items };
      },
    );

    app.post(
      "/steering/regulations",
      {
        schema: {
          tags,
          summary:
            "Register a regulation the province or a ministry owes (administrators; leaders over the agency)",
          body: regulationInputSchema,
          response: created,
        },
      },
      async (req, reply) => {
        const r = await registerRegulation(sctx(), actor(officialOf(req)), req.body);
        return r.ok ? reply.status(201).send(r.value) : sendError(reply, r.error);
      },
    );

    app.get(
      "/steering/regulations/:id",
      {
        schema: {
          tags,
          summary: "One regulation with its journal",
          params: idParams,
          response: { 200: regulationViewSchema.extend({ journal: journalSchema }), ...errors },
        },
      },
      async (req, reply) => {
        const r = await regulationDetail(ctx.db, req.params.id, ctx.now());
        return r.ok ? r.value : sendError(reply, r.error);
      },
    );

    app.post(
      "/steering/regulations/:id/actions",
      {
        schema: {
          tags,
          summary: "Submit, return, issue (number and date), reschedule or cancel a regulation",
          params: idParams,
          body: regulationActionSchema,
          response: { 200: z.object({ status: regulationStatusSchema }), ...errors },
        },
      },
      async (req, reply) => {
        const r = await actOnRegulation(sctx(), req.params.id, actor(officialOf(req)), req.body);
        return r.ok ? r.value : sendError(reply, r.error);
      },
    );

    app.get(
      "/steering/inspections",
      {
        schema: {
          tags,
          summary: "Inspection plans (kế hoạch kiểm tra CCHC) with their findings, latest first",
          querystring: z.object({ status: inspectionStatusSchema.optional() }),
          response: { 200: z.object({ items: z.array(inspectionViewSchema) }), ...errors },
        },
      },
      async (req) => ({
        items: await listInspections(
          ctx.db,
          { ...req.query, scope: await scope(officialOf(req)) },
          ctx.now(),
        ),
      }),
    );

    app.post(
      "/steering/inspections",
      {
        schema: {
          tags,
          summary: "Plan an inspection of an agency or commune",
          body: inspectionInputSchema,
          response: created,
        },
      },
      async (req, reply) => {
        const r = await planInspection(sctx(), actor(officialOf(req)), req.body);
        return r.ok ? reply.status(201).send(r.value) : sendError(reply, r.error);
      },
    );

    app.post(
      "/steering/inspections/:id/actions",
      {
        schema: {
          tags,
          summary: "Start, conclude or cancel an inspection",
          params: idParams,
          body: inspectionActionSchema,
          response: { 200: z.object({ status: inspectionStatusSchema }), ...errors },
        },
      },
      async (req, reply) => {
        const r = await actOnInspection(sctx(), req.params.id, actor(officialOf(req)), req.body);
        return r.ok ? r.value : sendError(reply, r.error);
      },
    );

    app.post(
      "/steering/inspections/:id/findings",
      {
        schema: {
          tags,
          summary:
            "Record a finding with the agency that remedies it and its deadline (optionally a dossier or procedure)",
          params: idParams,
          body: findingInputSchema,
          response: created,
        },
      },
      async (req, reply) => {
        const r = await recordFinding(sctx(), req.params.id, actor(officialOf(req)), req.body);
        return r.ok ? reply.status(201).send(r.value) : sendError(reply, r.error);
      },
    );

    app.get(
      "/steering/findings",
      {
        schema: {
          tags,
          summary: "Findings to remedy, earliest deadline first",
          querystring: z.object({
            status: findingStatusSchema.optional(),
            owner: z.string().max(60).optional(),
            overdue: flag.optional(),
          }),
          response: { 200: z.object({ items: z.array(findingViewSchema) }), ...errors },
        },
      },
      async (req) => {
        const { owner, ...q } = req.query;
        const items = await listFindings(
          ctx.db,
          { ...q, ownerAgency: owner, scope: await scope(officialOf(req)) },
          ctx.now(),
        );
        return { items };
      },
    );

    app.post(
      "/steering/findings/:id/actions",
      {
        schema: {
          tags,
          summary: "The owner reports the remedy; the inspecting agency closes, rejects or extends",
          params: idParams,
          body: findingActionSchema,
          response: { 200: z.object({ status: findingStatusSchema }), ...errors },
        },
      },
      async (req, reply) => {
        const r = await actOnFinding(sctx(), req.params.id, actor(officialOf(req)), req.body);
        return r.ok ? r.value : sendError(reply, r.error);
      },
    );

    app.get(
      "/steering/tasks",
      {
        schema: {
          tags,
          summary: "Reform tasks in the six areas, with progress and deadlines",
          querystring: z.object({
            area: reformAreaSchema.optional(),
            agency: z.string().max(60).optional(),
            overdue: flag.optional(),
          }),
          response: { 200: z.object({ items: z.array(taskViewSchema) }), ...errors },
        },
      },
      async (req) => {
        const { agency, ...q } = req.query;
        const items = await listTasks(
          ctx.db,
          { ...q, agencyCode: agency, scope: await scope(officialOf(req)) },
          ctx.now(),
        );
        return { items };
      },
    );

    app.post(
      "/steering/tasks",
      {
        schema: {
          tags,
          summary: "Assign a reform task to an agency",
          body: taskInputSchema,
          response: created,
        },
      },
      async (req, reply) => {
        const r = await assignTask(sctx(), actor(officialOf(req)), req.body);
        return r.ok ? reply.status(201).send(r.value) : sendError(reply, r.error);
      },
    );

    app.post(
      "/steering/tasks/:id/actions",
      {
        schema: {
          tags,
          summary: "Report progress (100 finishes the task) or cancel it",
          params: idParams,
          body: taskActionSchema,
          response: {
            200: z.object({ status: z.enum(["open", "done", "cancelled"]), progress: z.number().int() }),
            ...errors,
          },
        },
      },
      async (req, reply) => {
        const r = await actOnTask(sctx(), req.params.id, actor(officialOf(req)), req.body);
        return r.ok ? r.value : sendError(reply, r.error);
      },
    );

    app.get(
      "/steering/journal/:entity/:id",
      {
        schema: {
          tags,
          summary: "The journal of an inspection, finding or task (steering roles)",
          params: idParams.extend({ entity: z.enum(["regulation", "inspection", "finding", "task"]) }),
          response: { 200: z.object({ items: journalSchema }), ...errors },
        },
      },
      async (req) => {
        return { items: await journalOf(ctx.db, req.params.entity, req.params.id) };
      },
    );

    app.get(
      "/steering/reminders",
      {
        schema: {
          tags,
          summary: "Nhắc việc: deadlines near or passed for your agency's regulations, findings and tasks",
          response: {
            200: z.object({ items: z.array(reminderViewSchema), unread: z.number().int() }),
            ...errors,
          },
        },
      },
      async (req) => {
        const items = await remindersFor(ctx.db, await scope(officialOf(req)));
        return { items, unread: items.filter((i) => !i.read).length };
      },
    );

    app.post(
      "/steering/reminders/:id/read",
      {
        schema: {
          tags,
          summary: "Mark a reminder read",
          params: idParams,
          response: { 200: z.object({ read: z.boolean() }), ...errors },
        },
      },
      async (req) => ({
        read: await markReminderRead(ctx.db, req.params.id, await scope(officialOf(req)), ctx.now()),
      }),
    );

    app.get(
      "/steering/summary",
      {
        schema: {
          tags,
          summary:
            "What the periodic report says about regulations, tasks and findings (deadlines at the period's end)",
          querystring: z.object({ from: isoDate, to: isoDate }),
          response: { 200: steeringSummarySchema, ...errors },
        },
      },
      async (req) => steeringSummary(ctx.db, req.query, ctx.now()),
    );
  };
