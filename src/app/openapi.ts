import type { FastifyDynamicSwaggerOptions } from "@fastify/swagger";
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from "fastify-type-provider-zod";
import { z } from "zod";
import { CITIZEN_COOKIE } from "../casework/citizens/citizen-cookie.service.ts";
import { ACCESS_TABLE, accessKey, type RouteAccess } from "./access/access-table.ts";

// Schemas named with zod's `.meta({ id })` become components.schemas and are referenced.
const zodOptions = { schemaRegistry: z.globalRegistry, zodToJsonConfig: { target: "openapi-3.0" as const } };
const zodTransform = createJsonSchemaTransform(zodOptions);
const zodTransformObject = createJsonSchemaTransformObject(zodOptions);

/**
 * The API document's frame (info, servers, tags, security schemes) and the two transforms that
 * finish it: each operation's security comes from the access table and its operationId from its
 * method and path, so neither is a second list to keep in step.
 */
export const swaggerOptions: FastifyDynamicSwaggerOptions = {
  openapi: {
    info: {
      title: "motcua API",
      description: [
        "Hệ thống một cửa giải quyết thủ tục hành chính — REST API v1.",
        "One-stop system for administrative procedures (Vietnamese provinces) — REST API v1.",
        "",
        "Cán bộ đăng nhập qua `POST /api/v1/auth/login` và gửi `Authorization: Bearer <token>`;",
        "người dân đăng nhập VNeID nhận cookie phiên. Lỗi luôn có dạng `Error` (mã, tiếng Việt, tiếng Anh).",
        "",
        "Officials sign in with `POST /api/v1/auth/login` and send `Authorization: Bearer <token>`;",
        "citizens signed in with VNeID carry a session cookie. Every error has the `Error` shape",
        "(a stable code, a Vietnamese and an English message).",
      ].join("\n"),
      version: "0.1.0",
      license: { name: "MIT", url: "https://opensource.org/licenses/MIT" },
    },
    servers: [{ url: "/", description: "Máy chủ phục vụ tài liệu này / the server serving this document" }],
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "Phiên cán bộ từ POST /api/v1/auth/login / an official's session token",
        },
        citizenSession: {
          type: "apiKey",
          in: "cookie",
          name: CITIZEN_COOKIE,
          description: "Phiên người dân sau khi đăng nhập VNeID / a citizen's session after VNeID sign-in",
        },
      },
    },
    tags: [
      { name: "health", description: "Tình trạng hệ thống / liveness and the audit chain" },
      { name: "catalog", description: "Danh mục thủ tục hành chính / the procedure catalogue" },
      {
        name: "units",
        description:
          "Đơn vị hành chính trước và sau sắp xếp 2025 / administrative units before and after 2025",
      },
      { name: "agencies", description: "Cơ quan, đơn vị của địa phương / the province's agencies" },
      {
        name: "calendar",
        description: "Ngày làm việc và thời hạn giải quyết / working days and due dates",
      },
      { name: "identity", description: "Số định danh cá nhân / personal identity numbers" },
      { name: "auth", description: "Đăng nhập cán bộ / officials' sign-in" },
      {
        name: "officials",
        description: "Tài khoản cán bộ, cơ quan và vai trò / officials' accounts, agencies and roles",
      },
      {
        name: "kpi",
        description: "Chỉ số Quyết định 766 và các tỷ lệ cải cách / Decision 766 indicators and reform rates",
      },
      {
        name: "overview",
        description:
          "Tổng quan cho lãnh đạo: tồn, sắp đến hạn, quá hạn / leaders' overview: open, due soon, overdue",
      },
      {
        name: "dossiers",
        description: "Hồ sơ: tiếp nhận, xử lý, trả kết quả / dossiers: reception, handling, results",
      },
      { name: "processes", description: "Quy trình nội bộ / internal processes" },
      { name: "public", description: "Tra cứu công khai cho người dân / public look-ups for citizens" },
      { name: "forms", description: "Biểu mẫu 01–07 (PDF) / forms 01–07 (PDF)" },
      {
        name: "documents",
        description:
          "Tệp, số hóa, kho dữ liệu, kết quả điện tử và kiểm tra chữ ký / files, digitisation, the document store, electronic results and signature checks",
      },
      {
        name: "integrations",
        description:
          "Kết nối hệ thống quốc gia: DVCQG, CSDL dân cư, đăng ký kinh doanh, PayGov / national systems",
      },
      {
        name: "feedback",
        description: "Phản ánh, kiến nghị (PAKN) / citizens' feedback and the answers",
      },
      {
        name: "steering",
        description: "Chỉ đạo, kiểm tra, kết luận và nhiệm vụ / regulations, inspections, findings and tasks",
      },
      { name: "audit", description: "Nhật ký kiểm toán / the audit log" },
    ],
  },
  transform: (input) => {
    const out = zodTransform(input);
    const schema = out.schema as
      | {
          hide?: boolean;
          operationId?: string;
          response?: Record<string, Record<string, unknown>>;
          body?: unknown;
          consumes?: string[];
        }
      | undefined;
    if (!schema || schema.hide) return out;
    const method = [input.route.method].flat().find((m) => m !== "HEAD") ?? "GET";
    const key = accessKey(method, input.url);
    const access = ACCESS_TABLE[key];
    if (!access) throw new Error(`${key} has no rule in the access table`);
    return {
      url: out.url,
      schema: {
        ...schema,
        ...(schema.response ? { response: described(binaryAsOctetStream(schema.response)) } : {}),
        // A route that reads its body raw (a file) names its types in `consumes`; the document
        // shows that body as binary, which Fastify itself never validates.
        ...(schema.consumes && !schema.body
          ? { body: { type: "string", format: "binary", description: "Nội dung tệp / the file's bytes" } }
          : {}),
        operationId: schema.operationId ?? operationId(method, input.url),
        security: securityOf(access),
      },
    };
  },
  transformObject: (input) => {
    const doc = zodTransformObject(input) as Record<string, unknown>;
    collapseDuplicateAnyOf(doc);
    return pruneUnusedSchemas(doc) as ReturnType<typeof zodTransformObject>;
  },
};

/** Public routes need nothing; the access hook checks the bearer token, citizens' routes their cookie. */
export function securityOf(access: RouteAccess): Record<string, string[]>[] {
  if (access.who === "public") return [];
  if (access.who === "citizen") return [{ citizenSession: [] }];
  return [{ bearerAuth: [] }];
}

/**
 * A readable name from the method and path: `GET /dossiers/{code}` → getDossier,
 * `POST /dossiers/{code}/actions` → postDossierActions; a word before a parameter names one item.
 * A parameter after another parameter is named (`/feedback/{code}/{decision}` → …FeedbackByDecision).
 */
export function operationId(method: string, url: string): string {
  const segments = url
    .replace(/^\/api\/v1\//, "")
    .split("/")
    .filter(Boolean);
  const words = segments.flatMap((s, i) => {
    const param = /^[:{]([A-Za-z0-9_]+)}?$/.exec(s);
    if (param) return segments[i - 1]?.match(/^[:{]/) ? [`By${pascal(param[1] ?? "")}`] : [];
    const next = segments[i + 1];
    return [pascal(next?.match(/^[:{]/) ? singular(s) : s)];
  });
  return method.toLowerCase() + words.join("");
}

const pascal = (s: string) =>
  s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join("");

const singular = (s: string) =>
  s.endsWith("ies") ? `${s.slice(0, -3)}y` : s.endsWith("s") && !s.endsWith("ss") ? s.slice(0, -1) : s;

/** What an answer means when its schema does not say (the document's default is "Default Response"). */
const STATUS_MEANING: Record<string, string> = {
  200: "Thành công / OK",
  201: "Đã tạo / created",
  400: "Yêu cầu không hợp lệ / invalid request",
  401: "Chưa đăng nhập hoặc phiên hết hạn / not signed in",
  403: "Không có quyền / not allowed",
  404: "Không tìm thấy / not found",
  409: "Trái với trạng thái hiện tại / conflicts with the current state",
  413: "Dữ liệu quá lớn / too large",
  422: "Không xử lý được / cannot be processed",
  429: "Quá nhiều yêu cầu, đợi theo Retry-After / too many requests",
  503: "Tạm thời gián đoạn, thử lại sau / unavailable, retry later",
};

function described(responses: Record<string, Record<string, unknown>>) {
  return Object.fromEntries(
    Object.entries(responses).map(([status, r]) => [
      status,
      r.description || !STATUS_MEANING[status] ? r : { ...r, description: STATUS_MEANING[status] },
    ]),
  );
}

/** A response of bytes (`format: binary`) is a file, not JSON. */
function binaryAsOctetStream(responses: Record<string, Record<string, unknown>>) {
  return Object.fromEntries(
    Object.entries(responses).map(([status, r]) => [
      status,
      r.format === "binary"
        ? { description: r.description, content: { "application/octet-stream": { schema: r } } }
        : r,
    ]),
  );
}

/** zod writes a tuple as `anyOf` over its members (OpenAPI 3.0 has no prefixItems): `[string, string]` is one type. */
function collapseDuplicateAnyOf(node: unknown): void {
  if (Array.isArray(node)) {
    for (const x of node) collapseDuplicateAnyOf(x);
    return;
  }
  if (!node || typeof node !== "object") return;
  const o = node as Record<string, unknown>;
  for (const v of Object.values(o)) collapseDuplicateAnyOf(v);
  if (!Array.isArray(o.anyOf)) return;
  const distinct = [...new Map(o.anyOf.map((s) => [JSON.stringify(s), s])).values()];
  if (distinct.length === 1 && !Object.keys(distinct[0] as object).some((k) => k in o && k !== "anyOf")) {
    delete o.anyOf;
    Object.assign(o, distinct[0]);
  } else {
    o.anyOf = distinct;
  }
}

/** The registry yields an input and an output form of every named schema; keep those the paths use. */
function pruneUnusedSchemas(doc: Record<string, unknown>): Record<string, unknown> {
  const components = (doc.components ?? {}) as Record<string, unknown>;
  const schemas = (components.schemas ?? {}) as Record<string, unknown>;
  const used = new Set<string>();
  const pending = [refsIn(doc.paths)];
  while (pending.length) {
    for (const name of pending.pop() ?? []) {
      if (used.has(name)) continue;
      used.add(name);
      pending.push(refsIn(schemas[name]));
    }
  }
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
  return { ...doc, components: { ...components, schemas: kept } };
}

function refsIn(node: unknown): string[] {
  const text = JSON.stringify(node ?? null);
  return [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1] ?? "");
}
