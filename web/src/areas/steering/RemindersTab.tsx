import { Badge, Group, Paper, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client.ts";
import { formatDate } from "../../format.ts";
import { StepForm } from "./StepForm.tsx";

interface Reminder {
  id: string;
  entity: "regulation" | "finding" | "task";
  kind: string;
  title: string;
  dueOn: string;
  read: boolean;
}

/** Nhắc việc: what falls due soon, or is past due, for the official's agencies. */
export function RemindersTab({ items }: { items: Reminder[] }) {
  const { t } = useTranslation();
  if (!items.length) return <Text c="dimmed">{t("steering.none")}</Text>;
  return (
    <Stack gap="xs">
      {items.map((r) => (
        <Paper key={r.id} withBorder p="sm" data-testid="reminder" style={{ opacity: r.read ? 0.7 : 1 }}>
          <Group justify="space-between">
            <Text size="sm" fw={r.read ? 400 : 600}>
              {t(`steering.entity.${r.entity}`)}: {r.title}
            </Text>
            <Badge color={r.kind === "overdue" ? "red" : "yellow"} variant="light">
              {r.kind === "overdue"
                ? t("steering.kindOverdue", { date: formatDate(r.dueOn) })
                : t("steering.kindDue", { n: r.kind.replace("due-", ""), date: formatDate(r.dueOn) })}
            </Badge>
          </Group>
          {!r.read && (
            <StepForm
              label={t("steering.markRead")}
              variant="subtle"
              fields={[]}
              send={() =>
                unwrap(api.POST("/api/v1/steering/reminders/{id}/read", { params: { path: { id: r.id } } }))
              }
            />
          )}
        </Paper>
      ))}
    </Stack>
  );
}
