import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../http/app-context.ts";
import { errorResponses, sendError } from "../http/errors.ts";
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
  };
