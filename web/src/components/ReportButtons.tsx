import { Button, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { downloadFile } from "../api/client.ts";

/** The periodic reform report for a period, as Excel or PDF. */
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
  const report = (format: "xlsx" | "pdf") =>
    downloadFile(`/api/v1/kpi/report?from=${from}&to=${to}&format=${format}`).catch(onError);
  return (
    <Group gap="xs">
      <Text size="sm">{t("kpi.report")}:</Text>
      <Button size="compact-sm" variant="light" onClick={() => report("xlsx")}>
        {t("kpi.excel")}
      </Button>
      <Button size="compact-sm" variant="light" onClick={() => report("pdf")}>
        {t("kpi.pdf")}
      </Button>
    </Group>
  );
}
