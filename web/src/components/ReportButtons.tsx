import { Button, Group, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { downloadFile } from "../api/client.ts";

/** The periodic reform report for a period, as Excel or PDF; names of applicants leave only with a reason. */
export function ReportButtons({
  from,
  to,
  onError,
}: {
  from: string;
  to: string;
  onError: (e: unknown) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const ready = reason.trim().length >= 5;
  const report = (format: "xlsx" | "pdf") =>
    downloadFile(
      `/api/v1/kpi/report?from=${from}&to=${to}&format=${format}&reason=${encodeURIComponent(reason.trim())}`,
    ).catch(onError);
  return (
    <Group gap="xs" align="end">
      <TextInput
        size="xs"
        label={t("kpi.exportReason")}
        placeholder={t("kpi.exportReasonHint")}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        maxLength={300}
      />
      <Text size="sm">{t("kpi.report")}:</Text>
      <Button size="compact-sm" variant="light" disabled={!ready} onClick={() => report("xlsx")}>
        {t("kpi.excel")}
      </Button>
      <Button size="compact-sm" variant="light" disabled={!ready} onClick={() => report("pdf")}>
        {t("kpi.pdf")}
      </Button>
    </Group>
  );
}
