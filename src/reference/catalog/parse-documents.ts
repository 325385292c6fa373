import type { ParseProblem, Procedure } from "./catalog.types.ts";

const COMPONENT_HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng";
// One digit: "…ngày 15/5/20241 bản chính" must read as 1 copy, not 20241.
const QUANTITY = /(\d)\s*bản (chính|sao)(?:\s*,\s*(\d)\s*bản (chính|sao))?/g;
// A template file name ends the component name, after its last sentence: "…(…).Mẫu số 05.docx".
const TEMPLATE = /(?:^|[.)])\s*([^.()]{1,80}\.(?:docx?|xlsx?|pdf|rtf))$/i;

/** Thành phần hồ sơ: "<name>[<template file>]<n> bản chính[,<m> bản sao]" repeated per group. */
export function parseComponents(
  code: string,
  text: string,
  problems: ParseProblem[],
): Procedure["components"] {
  if (!text.includes(COMPONENT_HEADER)) {
    if (text.trim() && text.trim() !== "Không có thông tin") {
      problems.push({ code, field: "components", problem: "no component table", severity: "warning" });
    }
    return [];
  }
  const parts = text.split(COMPONENT_HEADER);
  const out: Procedure["components"] = [];
  let group = clean(parts[0] ?? "");
  for (let i = 1; i < parts.length; i++) {
    const section = parts[i] ?? "";
    let last = 0;
    for (const m of section.matchAll(QUANTITY)) {
      const rawName = section.slice(last, m.index).trim();
      last = (m.index ?? 0) + m[0].length;
      const counts = { chính: 0, sao: 0 } as Record<string, number>;
      counts[m[2] ?? "chính"] = Number(m[1]);
      if (m[3]) counts[m[4] ?? "sao"] = Number(m[3]);
      const template = TEMPLATE.exec(rawName)?.[1] ?? null;
      const before = clean(template ? rawName.slice(0, rawName.length - template.length) : rawName);
      // A row that is only a template is named after it.
      const name = before || clean(template?.replace(/\.[a-z]+$/i, "") ?? "");
      if (name) out.push({ name, group, originals: counts.chính ?? 0, copies: counts.sao ?? 0, template });
    }
    // Text after the last quantity is the heading of the next group.
    group = clean(section.slice(last));
  }
  if (out.length === 0)
    problems.push({
      code,
      field: "components",
      problem: "component table without rows",
      severity: "warning",
    });
  return out;
}

const RESULT = /(.*?)Mã:\s*(KQ\.[A-Z0-9]+\.\d+)/g;

/** Kết quả: "<name>Mã: KQ.G15.000031" repeated, then the portal's search widget text. */
export function parseResults(code: string, text: string, problems: ParseProblem[]): Procedure["results"] {
  const body = text.split("Từ khóa")[0] ?? "";
  const out = [...body.matchAll(RESULT)].map((m) => ({ name: clean(m[1] ?? ""), code: m[2] ?? "" }));
  for (const r of out) {
    if (r.name) continue;
    r.name = `Kết quả ${r.code}`;
    problems.push({ code, field: "results", problem: `result ${r.code} has no name`, severity: "warning" });
  }
  if (out.length === 0 && body.trim() && body.trim() !== "Không có thông tin") {
    problems.push({ code, field: "results", problem: "result without a KQ code", severity: "warning" });
  }
  return out;
}

// Assembly numbers end in a two-digit session (QH13), which may run into the next number.
const DOC_NUMBER = /\d{1,4}\/\d{4}\/[A-ZĐ]+(?:-[A-ZĐ]+)*(?![a-zà-ỹ])(?:\d{2}(?=\d{1,4}\/|[^\d/]|$))?/g;

/** Căn cứ pháp lý: "<title><number>" pairs, where titles often repeat the number. */
export function parseLegalBasis(
  code: string,
  text: string,
  problems: ParseProblem[],
): Procedure["legalBasis"] {
  const body = text.replace("Tên văn bản pháp lýMã văn bản", "");
  if (!body.trim() || body.trim() === "Không có thông tin") return [];
  const byNumber = new Map<string, string>();
  let last = 0;
  let previousTitle = "";
  for (const m of body.matchAll(DOC_NUMBER)) {
    const title = clean(body.slice(last, m.index));
    last = (m.index ?? 0) + m[0].length;
    const number = m[0];
    const best = title.length > 3 ? title : previousTitle;
    if (title.length > 3) previousTitle = title;
    if ((byNumber.get(number) ?? "").length < best.length || !byNumber.has(number))
      byNumber.set(number, best);
  }
  if (byNumber.size === 0)
    problems.push({ code, field: "legalBasis", problem: "no document number", severity: "warning" });
  return [...byNumber].map(([number, title]) => ({ number, title }));
}

function clean(s: string): string {
  return s
    .replace(/^[\s\-+*•:;,.]+/, "")
    .replace(/\s+/g, " ")
    .trim();
}
