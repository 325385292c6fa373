import { Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, type paths, unwrap } from "../../api/client.ts";
import { DossierCells } from "../../components/DossierCells.tsx";
import { ErrorNote } from "../../components/ErrorNote.tsx";
import { Loading } from "../../components/Loading.tsx";
import { StatusBadge } from "../../components/StatusBadge.tsx";
import type { Period } from "./period.ts";

type Figure = paths["/api/v1/kpi/dossiers"]["get"]["parameters"]["query"]["figure"];

/** Hồ sơ sau con số: the dossiers a number counts (or, with `not`, the rest of its denominator). */
export function KpiDossiers({
  period,
  unit,
  figure,
  not,
}: {
  period: Period;
  unit: string;
  figure: string;
  not: boolean;
}) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ["kpi", "dossiers", period, unit, figure, not],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/kpi/dossiers", {
          params: {
            query: {
              ...period,
              figure: figure as Figure,
              not: not ? "true" : "false",
              limit: 200,
              ...(unit ? { unit } : {}),
            },
          },
        }),
      ),
  });
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorNote error={q.error} />;
  return (
    <>
      <Text size="sm" mb="xs" data-testid="kpi-drill-total">
        {`${not ? `${t("kpi.not")} ` : ""}${t(`kpi.figures.${figure}` as "kpi.figures.r_total")}: ${q.data.total.toLocaleString("vi-VN")}`}
      </Text>
      <Table.ScrollContainer minWidth={640} mah={420}>
        <Table stickyHeader striped data-testid="kpi-drill">
          <Table.Tbody>
            {q.data.items.map((d) => (
              <Table.Tr key={d.code}>
                <DossierCells code={d.code} procedureName={d.procedureName} />
                <Table.Td>
                  <StatusBadge status={d.status} label={d.statusLabel} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t(`kpi.reason.${d.online}` as "kpi.reason.applicant")}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
