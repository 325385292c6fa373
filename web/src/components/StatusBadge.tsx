import { Badge, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";

const COLOR: Record<string, string> = {
  submitted: "blue",
  "awaiting-completion": "yellow",
  refused: "gray",
  received: "cyan",
  processing: "indigo",
  "supplement-requested": "yellow",
  "payment-requested": "orange",
  withdrawn: "gray",
  stopped: "gray",
  "result-ready": "teal",
  returned: "green",
};

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <Badge color={COLOR[status] ?? "gray"} variant="light" radius="sm" style={{ textTransform: "none" }}>
      {label}
    </Badge>
  );
}

/** Overdue in red, due within a working day in orange: the colours officials triage by. */
export function DeadlineFlags(f: {
  overdue?: boolean;
  dueSoon?: boolean;
  late?: boolean;
  reappointed?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {f.overdue && (
        <Badge color="red.9" radius="sm" style={{ textTransform: "none" }}>
          {t("common.overdue")}
        </Badge>
      )}
      {f.dueSoon && (
        <Badge color="yellow.4" c="black" radius="sm" style={{ textTransform: "none" }}>
          {t("common.dueSoon")}
        </Badge>
      )}
      {f.reappointed && (
        <Badge color="grape.9" variant="outline" radius="sm" style={{ textTransform: "none" }}>
          {t("common.reappointed")}
        </Badge>
      )}
      {!f.overdue && f.late && (
        <Badge color="red.9" variant="outline" radius="sm" style={{ textTransform: "none" }}>
          {t("common.late")}
        </Badge>
      )}
    </Group>
  );
}
