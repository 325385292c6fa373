import createClient from "openapi-fetch";
import i18n from "../i18n.ts";
import type { components, paths } from "./schema";

export type { components, paths };

const TOKEN_KEY = "motcua.token";

/** The official's bearer token; kept for the browser tab only (sessionStorage). */
export const session = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (t: string) => sessionStorage.setItem(TOKEN_KEY, t),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

export const api = createClient<paths>({ baseUrl: "" });
api.use({
  onRequest({ request }) {
    const t = session.get();
    if (t) request.headers.set("authorization", `Bearer ${t}`);
    return request;
  },
});

/** An API error as the server sent it: a stable code and a message in both languages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageVi: string,
    readonly messageEn: string,
    readonly details?: unknown,
  ) {
    super(messageVi);
  }
  /** The message in the interface language. */
  get text(): string {
    return i18n.language === "en" ? this.messageEn || this.messageVi : this.messageVi;
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; messageEn?: string; details?: unknown };
}

/** Turns an openapi-fetch answer into its data, or throws ApiError (network failures included). */
export async function unwrap<T>(p: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let r: Awaited<typeof p>;
  try {
    r = await p;
  } catch {
    throw new ApiError(
      0,
      "NETWORK",
      "Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.",
      "Cannot reach the server.",
    );
  }
  if (r.error !== undefined || !r.response.ok) {
    const e = (r.error ?? {}) as ErrorBody;
    if (r.response.status === 401 && session.get()) {
      session.clear();
      window.dispatchEvent(new Event("motcua:signed-out"));
    }
    throw new ApiError(
      r.response.status,
      e.error?.code ?? `HTTP_${r.response.status}`,
      e.error?.message ?? "Có lỗi xảy ra, vui lòng thử lại.",
      e.error?.messageEn ?? `HTTP ${r.response.status}`,
      e.error?.details,
    );
  }
  return r.data as T;
}

/** Raw file upload: the body is the file itself; the server reads its type from the bytes. */
export async function uploadFile(code: string, file: File, component: string) {
  const q = new URLSearchParams({ name: file.name, component });
  const res = await fetch(`/api/v1/dossiers/${encodeURIComponent(code)}/files?${q}`, {
    method: "POST",
    headers: { authorization: `Bearer ${session.get() ?? ""}`, "content-type": "application/octet-stream" },
    body: file,
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    const e = body as ErrorBody;
    throw new ApiError(
      res.status,
      e.error?.code ?? "UPLOAD",
      e.error?.message ?? "Tải tệp thất bại.",
      e.error?.messageEn ?? "Upload failed.",
    );
  }
  return body as { fileId: string; kind: string; size: number; sha256: string };
}

/** Opens a PDF form (which needs the bearer token) in a new tab. */
export async function openPdf(path: string): Promise<void> {
  const win = window.open("", "_blank");
  const res = await fetch(path, { headers: { authorization: `Bearer ${session.get() ?? ""}` } });
  if (!res.ok) {
    win?.close();
    const e = (await res.json().catch(() => ({}))) as ErrorBody;
    throw new ApiError(
      res.status,
      e.error?.code ?? "PDF",
      e.error?.message ?? "Không tạo được biểu mẫu.",
      e.error?.messageEn ?? "PDF failed.",
    );
  }
  const url = URL.createObjectURL(await res.blob());
  if (win) win.location.href = url;
  else window.location.href = url;
}
