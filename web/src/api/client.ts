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

/** The server's error body as an ApiError; a 401 also ends the stale session. */
function errorOf(
  status: number,
  body: unknown,
  fallback: { code: string; vi: string; en: string },
): ApiError {
  const e = (body ?? {}) as ErrorBody;
  if (status === 401 && session.get()) {
    session.clear();
    window.dispatchEvent(new Event("motcua:signed-out"));
  }
  return new ApiError(
    status,
    e.error?.code ?? fallback.code,
    e.error?.message ?? fallback.vi,
    e.error?.messageEn ?? fallback.en,
    e.error?.details,
  );
}

const bearer = () => ({ authorization: `Bearer ${session.get() ?? ""}` });

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
    const status = r.response.status;
    throw errorOf(status, r.error, {
      code: `HTTP_${status}`,
      vi: "Có lỗi xảy ra, vui lòng thử lại.",
      en: `HTTP ${status}`,
    });
  }
  return r.data as T;
}

/** Raw file upload: the body is the file itself; the server reads its type from the bytes. */
export async function uploadFile(code: string, file: File, component: string) {
  const q = new URLSearchParams({ name: file.name, component });
  const res = await fetch(`/api/v1/dossiers/${encodeURIComponent(code)}/files?${q}`, {
    method: "POST",
    headers: { ...bearer(), "content-type": "application/octet-stream" },
    body: file,
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok)
    throw errorOf(res.status, body, { code: "UPLOAD", vi: "Tải tệp thất bại.", en: "Upload failed." });
  return body as { fileId: string; kind: string; size: number; sha256: string };
}

/** Opens a PDF form (which needs the bearer token) in a new tab. */
export async function openPdf(path: string, headers: Record<string, string> = {}): Promise<void> {
  const win = window.open("", "_blank");
  const res = await fetch(path, { headers: { ...bearer(), ...headers } });
  if (!res.ok) {
    win?.close();
    const body = await res.json().catch(() => ({}));
    throw errorOf(res.status, body, { code: "PDF", vi: "Không tạo được biểu mẫu.", en: "PDF failed." });
  }
  const url = URL.createObjectURL(await res.blob());
  if (win) win.location.href = url;
  else window.location.href = url;
}

/** Downloads a file that needs the bearer token (reports), under the name the server gives. */
export async function downloadFile(path: string): Promise<void> {
  const res = await fetch(path, { headers: bearer() });
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    throw errorOf(res.status, body, { code: "DOWNLOAD", vi: "Không tải được tệp.", en: "Download failed." });
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "motcua";
  const a = document.createElement("a");
  a.href = URL.createObjectURL(await res.blob());
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
