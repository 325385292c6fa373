import { describe, expect, it } from "vitest";
import type { ParseProblem } from "../../src/reference/catalog/catalog.types.ts";
import { parseChannels } from "../../src/reference/catalog/parse-channels.ts";
import {
  parseComponents,
  parseLegalBasis,
  parseResults,
} from "../../src/reference/catalog/parse-documents.ts";

const H = "Hình thức nộpThời gianPhí, lệ phíMô tả";

describe("reading the flattened channel table", () => {
  it("splits rows by channel and reads time, fee in VND and description", () => {
    const problems: ParseProblem[] = [];
    const rows = parseChannels(
      "x",
      `${H}Trực tuyến2 Ngày làm việc100,000 Việt Nam ĐồngNộp qua cổngTrực tiếp3 NgàyMiễn phí`,
      problems,
    );
    expect(rows).toEqual([
      {
        channel: "online",
        time: { amount: 2, unit: "working-days", unitInferred: false },
        timeText: "2 Ngày làm việc",
        noDeadline: false,
        fee: {
          kind: "amount",
          amount: 100000,
          currency: "VND",
          scaled: false,
          text: "100,000 Việt Nam Đồng",
        },
        description: "Nộp qua cổng",
      },
      {
        channel: "in-person",
        time: { amount: 3, unit: "days", unitInferred: false },
        timeText: "3 Ngày",
        noDeadline: false,
        fee: { kind: "free", amount: null, currency: null, scaled: false, text: "Miễn phí" },
        description: "",
      },
    ]);
    expect(problems).toEqual([]);
  });

  it("does not split on a channel word inside a description", () => {
    const rows = parseChannels(
      "x",
      `${H}Trực tiếp10 NgàyKhông có thông tinTrực tiếp tại Công an cấp tỉnh`,
      [],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.description).toBe("Trực tiếp tại Công an cấp tỉnh");
  });

  it("reads a bare number as working days and says so", () => {
    const problems: ParseProblem[] = [];
    const rows = parseChannels("x", `${H}Trực tuyến1Miễn phí`, problems);
    expect(rows[0]?.time).toEqual({ amount: 1, unit: "working-days", unitInferred: true });
    expect(problems[0]?.severity).toBe("warning");
  });

  it("reads '135 VNĐ' as 135,000 when its own description says 135.000 đồng", () => {
    const rows = parseChannels("x", `${H}Trực tiếp5 Ngày làm việc135 VNĐ(Lệ phí: 135.000 đồng/lần.)`, []);
    expect(rows[0]?.fee).toMatchObject({ amount: 135000, scaled: true });
  });

  it("understands 'Không quy định' as no deadline", () => {
    const rows = parseChannels("x", `${H}Trực tuyếnKhông quy địnhMiễn phíQua Cổng`, []);
    expect(rows[0]).toMatchObject({ time: null, noDeadline: true, timeText: "Không quy định" });
  });

  it("reports a row it cannot read instead of guessing", () => {
    const problems: ParseProblem[] = [];
    expect(parseChannels("x", `${H}Trực tiếpHệ thống tự động phản hồi`, problems)).toEqual([]);
    expect(problems[0]?.severity).toBe("error");
  });
});

describe("reading documents", () => {
  it("takes one-digit quantities so a trailing year does not become a count", () => {
    const text =
      "Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai theo Nghị định ngày 15/5/20241 bản chính,1 bản sao" +
      "Đơn đề nghị (theo mẫu).Mẫu số 05.docx2 bản chínhTờ khai.doc1 bản sao";
    const c = parseComponents("x", text, []);
    expect(c.map((x) => [x.name, x.originals, x.copies, x.template])).toEqual([
      ["Tờ khai theo Nghị định ngày 15/5/2024", 1, 1, null],
      ["Đơn đề nghị (theo mẫu).", 2, 0, "Mẫu số 05.docx"],
      ["Tờ khai", 0, 1, "Tờ khai.doc"],
    ]);
  });

  it("reads result documents with their national codes", () => {
    const r = parseResults(
      "x",
      "Quyết định giao đấtMã: KQ.G10.000870Giấy chứng nhận.Mã: KQ.G10.001148Từ khóaKhông có thông tin",
      [],
    );
    expect(r).toEqual([
      { name: "Quyết định giao đất", code: "KQ.G10.000870" },
      { name: "Giấy chứng nhận.", code: "KQ.G10.001148" },
    ]);
  });

  it("reads legal documents whose titles repeat their numbers", () => {
    const l = parseLegalBasis(
      "x",
      "Tên văn bản pháp lýMã văn bảnNghị định 08/2015/NĐ-CP08/2015/NĐ-CPLuật 54/2014/QH1354/2014/QH13",
      [],
    );
    expect(l.map((x) => x.number)).toEqual(["08/2015/NĐ-CP", "54/2014/QH13"]);
  });
});
