import { type Command, InvalidArgumentError } from "commander";
import { sealAudit, verifyAudit } from "../../kernel/audit/audit.repository.ts";
import { print } from "./output.ts";
import { withRuntime } from "./with-runtime.ts";

const PROBLEM_VI = { edited: "bị sửa", missing: "bị xóa", reordered: "bị đảo thứ tự" } as const;

function parseHead(v: string): { sealSeq: number; hash: string } {
  const m = /^(\d+):([0-9a-f]{64})$/.exec(v);
  if (!m) throw new InvalidArgumentError("--head phải có dạng số:hash (như lần kiểm tra trước in ra)");
  return { sealSeq: Number(m[1]), hash: m[2] as string };
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command("audit").description("The audit log (nhật ký kiểm tra), a hash chain");
  audit
    .command("verify")
    .description(
      "Walk the hash chain; fail (exit 1) on any edited, deleted or reordered record, or records unsealed for over a minute",
    )
    .option("--json", "machine-readable output", false)
    .option(
      "--head <seq:hash>",
      "the head an earlier verify printed: fail if the chain no longer holds it (newest records deleted)",
      parseHead,
    )
    .action(async (o) => {
      const r = await withRuntime(o.json, (rt) => verifyAudit(rt.db, new Date(), { head: o.head }));
      print(o.json, r, () =>
        [
          r.problems.length === 0
            ? `Chuỗi nguyên vẹn: ${r.sealed} bản ghi đã niêm phong, kiểm tra trong ${(r.ms / 1000).toFixed(1)} giây.`
            : `NHẬT KÝ BỊ THAY ĐỔI (${r.problems.length} chỗ):`,
          ...r.problems
            .slice(0, 50)
            .map((p) => `  bản ghi số ${p.sealSeq}${p.id ? ` (#${p.id})` : ""} ${PROBLEM_VI[p.problem]}`),
          r.head
            ? `Đầu chuỗi: ${r.head.sealSeq}:${r.head.hash} (lưu lại ngoài máy chủ; lần sau: --head)`
            : "",
          r.unsealed ? `Chưa niêm phong: ${r.unsealed} bản ghi (cũ nhất ${r.oldestUnsealedAt}).` : "",
          r.staleUnsealed
            ? `LỖI: ${r.staleUnsealed} bản ghi chờ niêm phong quá 1 phút; bộ niêm phong (motcua worker) không chạy hoặc đang lỗi, và chuỗi chưa bảo vệ được các bản ghi này.`
            : "",
        ]
          .filter(Boolean)
          .join("\n"),
      );
      // Exit 1 once the report is flushed (a pipe to CI is written asynchronously).
      if (!r.ok) process.stdout.write("", () => process.exit(1));
    });
  audit
    .command("seal")
    .description(
      "Seal the records written since the last seal into the chain (the workers do it every few seconds)",
    )
    .action(async () => {
      const total = await withRuntime(false, (rt) => sealAudit(rt.db));
      process.stdout.write(`Đã niêm phong ${total} bản ghi.\n`);
    });
}
