import { Badge, Group, Paper, SimpleGrid, Stack, Tabs, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client.ts";
import { ErrorNote } from "../../components/ErrorNote.tsx";
import { ReportButtons } from "../../components/ReportButtons.tsx";
import { InspectionsTab } from "./InspectionsTab.tsx";
import { RegulationsTab } from "./RegulationsTab.tsx";
import { RemindersTab } from "./RemindersTab.tsx";
import { TasksTab } from "./TasksTab.tsx";

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/** Chỉ đạo điều hành CCHC: regulations owed, inspections, reform tasks and reminders. */
export default function SteeringPage() {
  const { t } = useTranslation();
  const to = today();
  const summary = useQuery({
    queryKey: ["steering", "summary", to],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/steering/summary", { params: { query: { from: `${to.slice(0, 4)}-01-01`, to } } }),
      ),
  });
  const reminders = useQuery({
    queryKey: ["steering", "reminders"],
    queryFn: () => unwrap(api.GET("/api/v1/steering/reminders")),
  });
  const [downloadError, setDownloadError] = useState<unknown>(null);
  // The periodic report from the year's start: the registers are its "chỉ đạo điều hành" part.
  const s = summary.data;
  const overdueTasks = s?.tasks.reduce((n, x) => n + x.overdue, 0) ?? 0;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h3">
          {t("steering.title")}
        </Title>
        <ReportButtons from={`${to.slice(0, 4)}-01-01`} to={to} onError={setDownloadError} />
      </Group>
      <ErrorNote error={summary.error ?? downloadError} />
      {s && (
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          <Figure
            label={t("steering.regulationsOverdue")}
            value={s.regulations.overdue}
            of={s.regulations.owed}
            alert
          />
          <Figure
            label={t("steering.regulationsIssued")}
            value={s.regulations.issued}
            of={s.regulations.owed}
          />
          <Figure
            label={t("steering.findingsOpen")}
            value={s.findings.open + s.findings.remedied}
            of={s.findings.total}
            alert={s.findings.overdue > 0}
          />
          <Figure
            label={t("steering.tasksOverdue")}
            value={overdueTasks}
            of={s.tasks.reduce((n, x) => n + x.total, 0)}
            alert
          />
        </SimpleGrid>
      )}
      {s && s.syntheticItems > 0 && (
        <Text size="xs" c="dimmed">
          {t("steering.synthetic", { n: s.syntheticItems })}
        </Text>
      )}
      <Tabs defaultValue="regulations" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="regulations">{t("steering.regulations")}</Tabs.Tab>
          <Tabs.Tab value="inspections">{t("steering.inspections")}</Tabs.Tab>
          <Tabs.Tab value="tasks">{t("steering.tasks")}</Tabs.Tab>
          <Tabs.Tab
            value="reminders"
            rightSection={
              reminders.data?.unread ? (
                <Badge size="sm" color="red" circle>
                  {reminders.data.unread}
                </Badge>
              ) : null
            }
          >
            {t("steering.reminders")}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="regulations" pt="md">
          <RegulationsTab />
        </Tabs.Panel>
        <Tabs.Panel value="inspections" pt="md">
          <InspectionsTab />
        </Tabs.Panel>
        <Tabs.Panel value="tasks" pt="md">
          <TasksTab />
        </Tabs.Panel>
        <Tabs.Panel value="reminders" pt="md">
          <RemindersTab items={reminders.data?.items ?? []} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function Figure({ label, value, of, alert }: { label: string; value: number; of: number; alert?: boolean }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Group gap={4} align="baseline">
        <Text fw={700} size="xl" c={alert && value > 0 ? "red.8" : undefined}>
          {value}
        </Text>
        <Text size="sm" c="dimmed">
          / {of}
        </Text>
      </Group>
    </Paper>
  );
}
