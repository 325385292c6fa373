import {
  Anchor,
  Button,
  Grid,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { ErrorNote } from "../../components/ErrorNote.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Section } from "../../components/Section.tsx";
import { DrillDownList } from "./DrillDownList.tsx";

type Row = { code: string; name: string; open: number; overdue: number; dueSoon: number };

function Stat({ label, value, color }: { label: string; value: number; color?: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} c={color} data-testid={`stat-${label}`}>
        {value.toLocaleString("vi-VN")}
      </Text>
    </Paper>
  );
}

/** Tổng quan: where dossiers are piling up and going late, by agency and by commune. */
export default function OverviewPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const data = useQuery({ queryKey: ["overview"], queryFn: () => unwrap(api.GET("/api/v1/overview")) });
  const flags = useQuery({
    queryKey: ["overview", "responsibility"],
    queryFn: () => unwrap(api.GET("/api/v1/overview/responsibility")),
  });
  const drill = (k: "agency" | "commune" | "status", v: string, flag?: string) =>
    setParams(() => {
      const p = new URLSearchParams({ [k]: v });
      if (flag) p.set("flag", flag);
      return p;
    });
  if (data.isPending) return <Loading />;
  if (data.error) return <ErrorNote error={data.error} />;
  const o = data.data;
  const table = (rows: Row[], kind: "agency" | "commune", title: string) => (
    <Section title={title}>
      <Table.ScrollContainer minWidth={420} mah={420}>
        <Table stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{kind === "agency" ? t("dossier.handling") : t("overview.byCommune")}</Table.Th>
              <Table.Th ta="right">{t("overview.open")}</Table.Th>
              <Table.Th ta="right">{t("common.dueSoon")}</Table.Th>
              <Table.Th ta="right">{t("common.overdue")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.code}>
                <Table.Td>{r.name}</Table.Td>
                <Table.Td ta="right">
                  <Anchor component="button" type="button" onClick={() => drill(kind, r.code)}>
                    {r.open}
                  </Anchor>
                </Table.Td>
                <Table.Td ta="right">
                  <Anchor
                    component="button"
                    type="button"
                    c="orange.8"
                    onClick={() => drill(kind, r.code, "due-soon")}
                  >
                    {r.dueSoon}
                  </Anchor>
                </Table.Td>
                <Table.Td ta="right">
                  <Anchor
                    component="button"
                    type="button"
                    c="red.8"
                    fw={r.overdue ? 700 : 400}
                    onClick={() => drill(kind, r.code, "overdue")}
                  >
                    {r.overdue}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
  const drilled = ["agency", "commune", "status"].some((k) => params.has(k));
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h3">
          {t("overview.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t(`overview.scope.${o.scope}`)}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 3 }}>
        <Stat label={t("overview.open")} value={o.totals.open} />
        <Stat label={t("common.dueSoon")} value={o.totals.dueSoon} color="orange.8" />
        <Stat label={t("common.overdue")} value={o.totals.overdue} color="red.8" />
      </SimpleGrid>
      {drilled && (
        <Paper withBorder p="md">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h5">
              {t("overview.drill")}
            </Title>
            <Button size="compact-sm" variant="subtle" onClick={() => setParams(new URLSearchParams())}>
              {t("common.close")}
            </Button>
          </Group>
          <DrillDownList params={params} />
        </Paper>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Section title={t("overview.byStatus")}>
            <Stack gap={6}>
              {o.byStatus.map((s) => (
                <Stack key={s.status} gap={2}>
                  <Group justify="space-between">
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      onClick={() => drill("status", s.status)}
                    >
                      {s.label}
                    </Anchor>
                    <Text size="sm">{s.count}</Text>
                  </Group>
                  <Progress
                    value={o.totals.open ? (100 * s.count) / o.totals.open : 0}
                    size="sm"
                    aria-label={s.label}
                  />
                </Stack>
              ))}
            </Stack>
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 8 }}>{table(o.byAgency, "agency", t("overview.byAgency"))}</Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          {table(o.byCommune, "commune", t("overview.byCommune"))}
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Section title={t("overview.responsibility")}>
            {flags.data && (
              <Stack gap={6} data-testid="responsibility">
                <Text size="xs" c="dimmed">
                  {t("overview.examined", { n: flags.data.examined })}
                </Text>
                {flags.data.items.map((f) => (
                  <Text key={f.code} size="sm">
                    <Anchor component={Link} to={`/ho-so/${encodeURIComponent(f.code)}`} className="mono">
                      {f.code}
                    </Anchor>{" "}
                    {f.pingPong &&
                      t("dossier.pingPong", {
                        times: f.pingPong.times,
                        a: f.pingPong.between[0],
                        b: f.pingPong.between[1],
                      })}
                    {f.stalled && ` · ${t("dossier.stalled")}`}
                  </Text>
                ))}
                {flags.data.items.length === 0 && <Text size="sm">{t("common.none")}</Text>}
              </Stack>
            )}
          </Section>
        </Grid.Col>
        <Grid.Col span={12}>
          <Paper withBorder p="md" data-testid="kpi-slot">
            <Anchor component={Link} to="/chi-so">
              {t("overview.kpiLink")}
            </Anchor>
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
