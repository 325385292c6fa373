import { Alert, Button, Grid, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { ErrorNote } from "../../components/ErrorNote.tsx";
import { Loading } from "../../components/Loading.tsx";
import { ReportButtons } from "../../components/ReportButtons.tsx";
import { Section } from "../../components/Section.tsx";
import { KpiDossiers } from "./KpiDossiers.tsx";
import { KpiFilters } from "./KpiFilters.tsx";
import { KpiTrend } from "./KpiTrend.tsx";
import { percent, presets } from "./period.ts";
import { Rankings } from "./Rankings.tsx";
import { Scorecard } from "./Scorecard.tsx";

/** Chỉ số CCHC: the 766 scorecard of any unit and period, and every number opens its dossiers. */
export default function KpiPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const fallback = presets().year;
  const period = { from: params.get("from") ?? fallback.from, to: params.get("to") ?? fallback.to };
  const unit = params.get("unit") ?? "";
  const figure = params.get("figure");
  const not = params.get("not") === "true";
  const [error, setError] = useState<unknown>(null);
  const update = (next: Record<string, string | null>) =>
    setParams((p) => {
      const q = new URLSearchParams(p);
      for (const [k, v] of Object.entries(next)) {
        if (v) q.set(k, v);
        else q.delete(k);
      }
      return q;
    });
  const set = useQuery({
    queryKey: ["kpi", "indicators"],
    staleTime: 300_000,
    queryFn: () => unwrap(api.GET("/api/v1/kpi/indicators")),
  });
  const card = useQuery({
    queryKey: ["kpi", "scorecard", period, unit],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/kpi/scorecard", { params: { query: { ...period, ...(unit ? { unit } : {}) } } }),
      ),
  });
  const demand = useQuery({
    queryKey: ["kpi", "demand", period],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/kpi/procedures-without-demand", { params: { query: { ...period, limit: 1 } } }),
      ),
  });
  const c = card.data;
  const rate = (id: string) => c?.indicators.find((i) => i.id === id);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h3">
          {t("kpi.title")}
        </Title>
        <ReportButtons from={period.from} to={period.to} onError={setError} />
      </Group>
      <KpiFilters
        period={period}
        unit={unit}
        onChange={(n) => update({ ...(n.period ?? {}), ...(n.unit !== undefined ? { unit: n.unit } : {}) })}
      />
      {error ? <ErrorNote error={error} /> : null}
      {card.error && <ErrorNote error={card.error} />}
      {c?.unit.via && (
        <Alert color="blue" variant="light">
          {t("kpi.mergedNote", {
            old: `${c.unit.via.oldName} (${c.unit.via.oldCode})`,
            codes: c.unit.via.newCodes.join(", "),
            partial: c.unit.via.partial ? t("kpi.partial") : "",
          })}
        </Alert>
      )}
      {figure && (
        <Paper withBorder p="md">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h5">
              {t("kpi.dossiers")}
            </Title>
            <Group gap="xs">
              <Button size="compact-sm" variant="subtle" onClick={() => update({ not: not ? null : "true" })}>
                {not
                  ? t(`kpi.figures.${figure}` as "kpi.figures.r_total")
                  : `${t("kpi.not")}: ${t(`kpi.figures.${figure}` as "kpi.figures.r_total")}`}
              </Button>
              <Button size="compact-sm" variant="subtle" onClick={() => update({ figure: null, not: null })}>
                {t("common.close")}
              </Button>
            </Group>
          </Group>
          <KpiDossiers period={period} unit={unit} figure={figure} not={not} />
        </Paper>
      )}
      {card.isPending || set.isPending ? (
        <Loading />
      ) : c && set.data ? (
        <Section title={c.unit.name} big>
          <Scorecard card={c} set={set.data} onDrill={(f) => update({ figure: f, not: null })} />
        </Section>
      ) : null}
      {c && (
        <Grid>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Section title={t("kpi.honest")}>
              <Text size="sm" c="dimmed" mb="sm">
                {t("kpi.honestLead")}
              </Text>
              <Stack gap={4} data-testid="kpi-honest">
                <Text size="sm">
                  {t("kpi.reported")}: <b>{percent(rate("3.3a")?.rate, i18n.language)}</b> (
                  {(c.figures.r_online ?? 0).toLocaleString("vi-VN")})
                </Text>
                <Text size="sm">
                  {t("kpi.applicant")}: <b>{percent(rate("3.3b")?.rate, i18n.language)}</b> (
                  {(c.figures.r_online_applicant ?? 0).toLocaleString("vi-VN")})
                </Text>
                <Text size="sm" c="red.8">
                  {t("kpi.gap")}:{" "}
                  {((c.figures.r_online ?? 0) - (c.figures.r_online_applicant ?? 0)).toLocaleString("vi-VN")}
                </Text>
                <Button
                  size="compact-sm"
                  variant="light"
                  color="red"
                  w="fit-content"
                  onClick={() => update({ figure: "online_suspect", not: null })}
                >
                  {t("kpi.suspects")}
                </Button>
              </Stack>
            </Section>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Section title={t("kpi.withoutDemand")}>
              <Text size="sm">{t("kpi.withoutDemandLead", { n: demand.data?.total ?? "…" })}</Text>
              <Stack gap={2} mt="xs">
                {demand.data?.byField.slice(0, 6).map((f) => (
                  <Text size="xs" key={f.field}>
                    {f.field}: {f.count}
                  </Text>
                ))}
              </Stack>
            </Section>
          </Grid.Col>
          <Grid.Col span={12}>
            <Section title={t("kpi.trend")}>
              <KpiTrend period={period} unit={unit} />
            </Section>
          </Grid.Col>
          <Grid.Col span={12}>
            <Section title={t("kpi.rankings")}>
              <Rankings period={period} onPick={(code) => update({ unit: code })} />
            </Section>
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
