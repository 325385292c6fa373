import { Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client.ts";
import { ErrorNote } from "../../components/ErrorNote.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Section } from "../../components/Section.tsx";
import { KpiFilters } from "./KpiFilters.tsx";
import { KpiTrend } from "./KpiTrend.tsx";
import { presets } from "./period.ts";
import { Rankings } from "./Rankings.tsx";
import { Scorecard } from "./Scorecard.tsx";

/** Công khai: the province's scorecard for anyone, from aggregates only (no dossier, no name). */
export default function PublicScorecardPage() {
  const { t } = useTranslation();
  const [period, setPeriod] = useState(presets().year);
  const set = useQuery({
    queryKey: ["kpi", "indicators"],
    staleTime: 300_000,
    queryFn: () => unwrap(api.GET("/api/v1/kpi/indicators")),
  });
  const card = useQuery({
    queryKey: ["kpi", "scorecard", period, ""],
    queryFn: () => unwrap(api.GET("/api/v1/kpi/scorecard", { params: { query: period } })),
  });
  return (
    <Stack maw={1100} mx="auto">
      <Title order={1} size="h3">
        {t("kpi.publicTitle")}
      </Title>
      <Text size="sm" c="dimmed">
        {t("kpi.publicLead")}
      </Text>
      <KpiFilters
        period={period}
        unit=""
        withUnit={false}
        onChange={(n) => n.period && setPeriod(n.period)}
      />
      {card.error && <ErrorNote error={card.error} />}
      {card.isPending || set.isPending ? (
        <Loading />
      ) : card.data && set.data ? (
        <Section title={card.data.unit.name} big>
          <Scorecard card={card.data} set={set.data} />
        </Section>
      ) : null}
      <Section title={t("kpi.trend")}>
        <KpiTrend period={period} unit="" />
      </Section>
      <Section title={t("kpi.rankings")}>
        <Rankings period={period} />
      </Section>
    </Stack>
  );
}
