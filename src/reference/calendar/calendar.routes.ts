import type { FastifyPluginAsyncZod, ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../app/context.ts";
import {
  errorResponseSchema,
  errorResponses,
  guardedErrorResponses,
  sendError,
} from "../../kernel/http/errors.ts";
import { listSpecialDays, removeOverride, setOverride } from "./calendar.repository.ts";
import { isoDate } from "./calendar.types.ts";
import { dueQuery } from "./due-query.ts";

const querySchema = z.object({
  received: z.string().describe("Receipt time, ISO 8601; without an offset it is read as Vietnam time"),
  duration: z.string().default("1d").describe("3d, 0.5d or 4h; ignored for same-day"),
  calendarDays: z.stringbool().default(false).describe("Count calendar days instead of working days"),
  sameDay: z.stringbool().default(false).describe("Same-day procedure (giải quyết trong ngày)"),
  cutoff: z.string().optional().describe("Same-day cut-off, HH:MM; the deployment's default otherwise"),
});

const stepSchema = z.object({
  code: z.string(),
  vi: z.string(),
  en: z.string(),
  date: z.string().optional(),
});
const dueResponse = z.object({
  dueAt: z.string().nullable().describe("Appointment, ISO 8601 with +07:00; null when there is no deadline"),
  explanation: z.array(stepSchema).describe("How the date was reached"),
  calendarVersion: z.string(),
});

export const calendarRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/calendar/due",
      {
        schema: {
          tags: ["calendar"],
          summary: "When is a dossier received at a given moment due? (ngày hẹn trả)",
          querystring: querySchema,
          response: { 200: dueResponse, ...errorResponses },
        },
      },
      async (req, reply) => {
        const q = req.query;
        const r = dueQuery(await ctx.calendar(), {
          received: q.received,
          duration: q.duration,
          calendarDays: q.calendarDays,
          sameDay: q.sameDay,
          cutoff: q.cutoff ?? ctx.deployment.calendar.sameDayCutoff,
        });
        return r.ok ? r.value : sendError(reply, r.error);
      },
    );

    const dayRow = z.object({
      date: z.string(),
      working: z.boolean(),
      kind: z.string(),
      nameVi: z.string(),
      nameEn: z.string(),
      confidence: z.string(),
      source: z.string(),
      origin: z
        .enum(["data", "override"])
        .describe("data: the bundled calendar; override: an administrator's"),
    });
    app.get(
      "/calendar/days",
      {
        schema: {
          tags: ["calendar"],
          summary: "Holidays, compensatory days and working Saturdays of a year, with overrides",
          querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
          response: { 200: z.object({ items: z.array(dayRow) }), 400: errorResponseSchema },
        },
      },
      async (req) => ({
        items: (await listSpecialDays(ctx.db, req.query.year)).map((r) => ({
          date: r.date,
          working: r.working,
          kind: r.kind,
          nameVi: r.name_vi,
          nameEn: r.name_en,
          confidence: r.confidence,
          source: r.source,
          origin: r.origin as "data" | "override",
        })),
      }),
    );

    await app.register(async (plain) => {
      const admin = plain.withTypeProvider<ZodTypeProvider>();
      const dateParam = z.object({
        date: isoDate,
      });
      admin.put(
        "/calendar/days/:date",
        {
          schema: {
            tags: ["calendar"],
            summary: "Override one date: a day off or a working day (e.g. a newly announced swap)",
            params: dateParam,
            body: z.object({
              working: z.boolean(),
              nameVi: z.string().trim().min(2).max(200),
              nameEn: z.string().trim().max(200).default(""),
              source: z.string().trim().max(300).default("").describe("The notice it comes from"),
            }),
            response: { 200: dayRow, ...guardedErrorResponses },
          },
        },
        async (req) => {
          const b = req.body;
          const day = {
            date: req.params.date,
            working: b.working,
            kind: "override" as const,
            nameVi: b.nameVi,
            nameEn: b.nameEn || b.nameVi,
            confidence: "confirmed",
            source: b.source,
          };
          await setOverride(ctx.db, day);
          return { ...day, origin: "override" as const };
        },
      );
      admin.delete(
        "/calendar/days/:date",
        {
          schema: {
            tags: ["calendar"],
            summary: "Remove an administrator's override; the bundled calendar applies again",
            params: dateParam,
            response: { 200: z.object({ removed: z.boolean() }), ...guardedErrorResponses },
          },
        },
        async (req) => ({ removed: await removeOverride(ctx.db, req.params.date) }),
      );
    });
  };
