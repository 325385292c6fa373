import { field, nationalHeader, paragraph, renderPdf, signatures, title } from "../forms/form-layout.ts";
import type { FontSet } from "../forms/forms.types.ts";

export interface ResultFacts {
  agencyName: string;
  documentNumber: string;
  issuedOn: string;
  title: string;
  resultCode: string;
  dossierCode: string;
  procedureName: string;
  applicantName: string;
  applicantId: string;
  content: string;
  signerTitle: string;
  signerName: string;
  /** Where it is issued (địa danh): the province's name. */
  place: string;
  verifyUrl: string;
}

/** The electronic result (kết quả điện tử): numbered, dated, with a QR code to verify it. */
export function renderResult(fonts: FontSet, r: ResultFacts, qrPng: Buffer): Promise<Buffer> {
  return renderPdf("A4", fonts, (doc) => {
    nationalHeader(doc, r.agencyName, r.documentNumber);
    doc.moveDown(0.5);
    doc
      .font("italic")
      .text(r.place ? `${r.place}, ${r.issuedOn}` : r.issuedOn, { align: "right" })
      .font("regular");
    title(doc, r.title.toUpperCase(), r.resultCode ? `Mã kết quả: ${r.resultCode}` : undefined);
    field(doc, "Thủ tục", r.procedureName);
    field(doc, "Mã hồ sơ", r.dossierCode);
    field(doc, "Cấp cho", `${r.applicantName} (${r.applicantId})`);
    paragraph(doc, r.content);
    signatures(doc, [{ role: r.signerTitle, name: r.signerName }]);
    const y = doc.page.height - doc.page.margins.bottom - 110;
    doc.image(qrPng, doc.page.margins.left, y, { width: 90 });
    doc
      .fontSize(8)
      .text(`Kiểm tra tính xác thực: ${r.verifyUrl}`, doc.page.margins.left + 100, y + 30, { width: 300 })
      .text("Văn bản được ký số; bản in chỉ có giá trị khi kiểm tra khớp với bản điện tử.", { width: 300 });
  });
}
