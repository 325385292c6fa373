import type { Channel, ChannelRow, ParseProblem } from "./catalog.types.ts";

// The crawl flattened the table "Hình thức nộp | Thời gian | Phí, lệ phí | Mô tả" into one string:
// "Trực tuyến3 Ngày làm việc100,000 Việt Nam ĐồngMô tả…Trực tiếp…". A row starts where a channel
// label is followed by a time, a fee or "Không có thông tin"; a label inside a description is
// followed by ordinary words, so it does not split.
const HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả";
const CHANNELS: Record<string, Channel> = {
  "Trực tuyến": "online",
  "Dịch vụ bưu chính": "post",
  "Trực tiếp": "in-person",
};
const ROW_START = /(Trực tuyến|Dịch vụ bưu chính|Trực tiếp)(?=\d|Không|Miễn phí)/g;
// "No deadline" as the portal words it: not stipulated, or no result is returned to the taxpayer.
const NO_DEADLINE =
  /^(Không quy định|Không phải trả kết quả cho người nộp thuế|Không(?= ?Không có thông tin| ?Miễn phí))/;
const TIME = /^(\d+(?:[.,]\d+)?)\s*(Ngày làm việc|Ngày|Giờ làm việc|Giờ|Tháng|Năm)?/;
const FEE_AMOUNT = /^(\d[\d.,]*)\s*(Việt Nam Đồng|VNĐ|Đồng|đồng|USD)/;
const UNITS: Record<string, NonNullable<ChannelRow["time"]>["unit"]> = {
  "Ngày làm việc": "working-days",
  Ngày: "days",
  "Giờ làm việc": "hours",
  Giờ: "hours",
  Tháng: "months",
  Năm: "years",
};
const NO_INFO = "Không có thông tin";

export function parseChannels(code: string, text: string, problems: ParseProblem[]): ChannelRow[] {
  const body = text.startsWith(HEADER) ? text.slice(HEADER.length) : text;
  const starts = [...body.matchAll(ROW_START)].map((m) => m.index ?? 0);
  if (starts.length === 0) {
    problems.push({
      code,
      field: "channels",
      problem: `no channel row in "${body.slice(0, 80)}"`,
      severity: "error",
    });
    return [];
  }
  return starts.map((start, i) => parseRow(code, body.slice(start, starts[i + 1] ?? body.length), problems));
}

function parseRow(code: string, row: string, problems: ParseProblem[]): ChannelRow {
  const label = Object.keys(CHANNELS).find((l) => row.startsWith(l)) ?? "Trực tiếp";
  const channel = CHANNELS[label] ?? "in-person";
  let rest = row.slice(label.length);
  let time: ChannelRow["time"] = null;
  let timeText = "";
  const noDeadline = NO_DEADLINE.exec(rest);
  if (noDeadline) {
    timeText = noDeadline[0];
    rest = rest.slice(timeText.length).trimStart();
  } else if (rest.startsWith(NO_INFO)) {
    timeText = NO_INFO;
    rest = rest.slice(NO_INFO.length);
  } else if (!FEE_AMOUNT.test(rest)) {
    const t = TIME.exec(rest);
    if (t) {
      const unitText = t[2];
      time = {
        amount: Number((t[1] ?? "0").replace(",", ".")),
        unit: unitText ? (UNITS[unitText] ?? "working-days") : "working-days",
        unitInferred: !unitText,
      };
      timeText = t[0];
      rest = rest.slice(t[0].length);
      if (!unitText) {
        problems.push({
          code,
          field: "time",
          problem: `bare number ${t[1]} read as working days`,
          severity: "warning",
        });
      }
      if (time.amount <= 0) time = null;
    }
  }
  const { fee, rest: description } = parseFee(code, rest, problems);
  return { channel, time, timeText, noDeadline: noDeadline !== null, fee, description: description.trim() };
}

function parseFee(code: string, text: string, problems: ParseProblem[]) {
  if (text.startsWith("Miễn phí")) {
    return { fee: fee("free", null, null, "Miễn phí"), rest: text.slice("Miễn phí".length) };
  }
  if (text.startsWith(NO_INFO))
    return { fee: fee("unknown", null, null, NO_INFO), rest: text.slice(NO_INFO.length) };
  const m = FEE_AMOUNT.exec(text);
  if (!m) {
    problems.push({ code, field: "fee", problem: `no fee in "${text.slice(0, 60)}"`, severity: "error" });
    return { fee: fee("unknown", null, null, ""), rest: text };
  }
  const currency = m[2] === "USD" ? "USD" : "VND";
  let amount = Number((m[1] ?? "").replace(/[.,]/g, ""));
  const rest = text.slice(m[0].length);
  let scaled = false;
  // The portal sometimes shows "135 VNĐ" while its own description says "135.000 đồng".
  if (currency === "VND" && amount > 0 && amount < 1000 && new RegExp(`(^|\\D)${amount}[.,]000`).test(rest)) {
    amount *= 1000;
    scaled = true;
    problems.push({
      code,
      field: "fee",
      problem: `"${m[0]}" read as ${amount} VND from its description`,
      severity: "warning",
    });
  }
  return { fee: { ...fee("amount", amount, currency, m[0]), scaled }, rest };
}

function fee(
  kind: "free" | "amount" | "unknown",
  amount: number | null,
  currency: "VND" | "USD" | null,
  text: string,
) {
  return { kind, amount, currency, scaled: false, text };
}
