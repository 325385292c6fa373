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

// Long Vietnamese labels wrap inside the badge rather than being cut with an ellipsis.
const WRAP = {
  root: { textTransform: "none", height: "auto", minHeight: 20, paddingBlock: 2 },
  label: { whiteSpace: "normal", overflow: "visible", lineHeight: 1.25 },
} as const;

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <Badge color={COLOR[status] ?? "gray"} variant="light" radius="sm" styles={WRAP}>
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
        <Badge color="red.9" radius="sm" styles={WRAP}>
          {t("common.overdue")}
        </Badge>
      )}
      {f.dueSoon && (
        <Badge color="yellow.4" c="black" radius="sm" styles={WRAP}>
          {t("common.dueSoon")}
        </Badge>
      )}
      {f.reappointed && (
        <Badge color="grape.9" variant="outline" radius="sm" styles={WRAP}>
          {t("common.reappointed")}
        </Badge>
      )}
      {!f.overdue && f.late && (
        <Badge color="red.9" variant="outline" radius="sm" styles={WRAP}>
          {t("common.late")}
        </Badge>
      )}
    </Group>
  );
}
