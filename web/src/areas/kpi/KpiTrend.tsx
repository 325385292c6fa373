import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client.ts";
import { ErrorNote } from "../../components/ErrorNote.tsx";
import { Loading } from "../../components/Loading.tsx";
import { monthOf, type Period } from "./period.ts";
import type { Series } from "./TrendChart.tsx";

// ECharts is the heaviest library here: it loads after the scorecard is on screen.
const TrendChart = lazy(() => import("./TrendChart.tsx"));

/** Dossiers per month (bars) with the on-time, honest-online and e-result rates (lines). */
export function KpiTrend({ period, unit }: { period: Period; unit: string }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ["kpi", "trend", period, unit],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/kpi/trend", {
          params: {
            query: {
              fromMonth: monthOf(period.from),
              toMonth: monthOf(period.to),
              ...(unit ? { unit } : {}),
            },
          },
        }),
      ),
  });
  const series = useMemo((): Series[] => {
    const m = q.data?.months ?? [];
    return [
      { name: t("kpi.received"), kind: "bar" as const, values: m.map((x) => x.received) },
      {
        name: `2.1 ${t("kpi.onTime")}`,
        kind: "line" as const,
        percent: true,
        values: m.map((x) => x.rates["2.1"] ?? null),
      },
      {
        name: `3.3b ${t("kpi.applicant")}`,
        kind: "line" as const,
        percent: true,
        values: m.map((x) => x.rates["3.3b"] ?? null),
      },
      { name: "4.1", kind: "line" as const, percent: true, values: m.map((x) => x.rates["4.1"] ?? null) },
    ];
  }, [q.data, t]);
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorNote error={q.error} />;
  return (
    <Suspense fallback={<Loading />}>
      <TrendChart months={q.data.months.map((x) => x.month)} series={series} label={t("kpi.trend")} />
    </Suspense>
  );
}
