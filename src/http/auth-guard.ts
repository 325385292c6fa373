import type { FastifyRequest } from "fastify";
import type { Official } from "../auth/auth.service.ts";

declare module "fastify" {
  interface FastifyRequest {
    official?: Official;
  }
}

/** The official a handler runs for: the access hook (access-hook.ts) set it from the token. */
export function officialOf(req: FastifyRequest): Official {
  if (!req.official) throw new Error("the access hook did not run for this route");
  return req.official;
}
