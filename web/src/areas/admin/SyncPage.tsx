import { Alert, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client.ts";
import { ErrorNote } from "../../components/ErrorNote.tsx";
import { Loading } from "../../components/Loading.tsx";

interface TopicStatus {
  configured?: boolean;
  backlog: number;
  oldestPendingSeconds: number | null;
  lastHour: { delivered: number; p50Seconds: number | null; p99Seconds: number | null };
  failuresByReason: { reason: string; count: number }[];
  stuck: number;
  sloSeconds: number;
  alert: boolean;
  alertReason: string | null;
}

const sec = (t: TFunction, s: number | null) =>
  s === null
    ? "—"
    : s < 60
      ? t("ui.seconds", { n: s.toFixed(1) })
      : t("ui.minutes", { n: (s / 60).toFixed(1) });

function Topic({ title, s }: { title: string; s: TopicStatus }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h5">
          {title}
        </Title>
        {s.configured === false ? (
          <Badge variant="light" color="gray">
            {t("ui.notConfigured")}
          </Badge>
        ) : s.alert ? (
          <Badge variant="light" color="red">
            {t("ui.alert")}
          </Badge>
        ) : (
          <Badge variant="light" color="green">
            {t("ui.normal")}
          </Badge>
        )}
      </Group>
      {s.alertReason && (
        <Alert color="red" mb="xs">
          {s.alertReason}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {t("ui.backlog")}
          </Text>
          <Text fw={700}>{s.backlog}</Text>
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {t("ui.oldest")}
          </Text>
          <Text fw={700}>{sec(t, s.oldestPendingSeconds)}</Text>
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {t("ui.lag")}
          </Text>
          <Text fw={700}>
            {sec(t, s.lastHour.p50Seconds)} / {sec(t, s.lastHour.p99Seconds)}
          </Text>
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {t("ui.delivered")}
          </Text>
          <Text fw={700}>{s.lastHour.delivered}</Text>
        </Stack>
      </SimpleGrid>
      {s.failuresByReason.length > 0 && (
        <Table mt="sm">
          <Table.Tbody>
            {s.failuresByReason.map((f) => (
              <Table.Tr key={f.reason}>
                <Table.Td>{f.reason}</Table.Td>
                <Table.Td ta="right">{f.count}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

/** The DVCQG sync monitor: lag against the SLO, backlog and failures, refreshed every 15 seconds. */
export default function SyncPage() {
  const { t } = useTranslation();
  const status = useQuery({
    queryKey: ["sync-status"],
    refetchInterval: 15_000,
    queryFn: () => unwrap(api.GET("/api/v1/integrations/status")),
  });
  if (status.isPending) return <Loading />;
  if (status.error) return <ErrorNote error={status.error} />;
  const s = status.data as Record<string, unknown>;
  const others = ["population", "registry", "paygov", "virusScanner"] as const;
  return (
    <Stack maw={1000}>
      <Title order={1} size="h3">
        {t("admin.sync")}
      </Title>
      <Topic title={t("ui.portal")} s={s.dvcqg as TopicStatus} />
      <Topic title={t("ui.notifications")} s={s.notifications as TopicStatus} />
      <Paper withBorder p="md">
        <Stack gap={4}>
          {others.map((k) => {
            const v = s[k] as { configured: boolean; breaker?: string | null; warning?: string };
            return (
              <Group key={k} gap="xs">
                <Badge variant="light" color={v.configured ? "green" : "gray"}>
                  {v.configured ? t("ui.connected") : t("ui.notConfigured")}
                </Badge>
                <Text size="sm">{k}</Text>
                {v.breaker && (
                  <Text size="xs" c="dimmed">
                    breaker: {v.breaker}
                  </Text>
                )}
                {v.warning && (
                  <Text size="xs" c="orange.8">
                    {v.warning}
                  </Text>
                )}
              </Group>
            );
          })}
        </Stack>
      </Paper>
    </Stack>
  );
}
