import { Anchor, SegmentedControl, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client.ts";
import { ErrorNote } from "../../components/ErrorNote.tsx";
import { Loading } from "../../components/Loading.tsx";
import { type Period, percent, points } from "./period.ts";

/** Xếp hạng: agencies or communes by total score, with the honest-online gap beside each. */
export function Rankings({ period, onPick }: { period: Period; onPick?: (code: string) => void }) {
  const { t, i18n } = useTranslation();
  const [by, setBy] = useState<"agency" | "commune">("agency");
  const q = useQuery({
    queryKey: ["kpi", "rankings", period, by],
    queryFn: () => unwrap(api.GET("/api/v1/kpi/rankings", { params: { query: { ...period, by } } })),
  });
  return (
    <>
      <SegmentedControl
        mb="sm"
        value={by}
        onChange={(v) => setBy(v as "agency" | "commune")}
        data={[
          { value: "agency", label: t("kpi.byAgency") },
          { value: "commune", label: t("kpi.byCommune") },
        ]}
      />
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorNote error={q.error} />
      ) : (
        // Focusable, so the keyboard can scroll it where no row has a link (the public page).
        <Table.ScrollContainer
          minWidth={720}
          mah={480}
          type="native"
          tabIndex={0}
          role="region"
          aria-label={t("kpi.rankings")}
        >
          <Table stickyHeader striped data-testid="kpi-rankings">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>{t("kpi.unit")}</Table.Th>
                <Table.Th ta="right">{t("kpi.total")}</Table.Th>
                <Table.Th ta="right">{t("kpi.received")}</Table.Th>
                <Table.Th ta="right">{t("kpi.onTime")}</Table.Th>
                <Table.Th ta="right">{t("kpi.reported")}</Table.Th>
                <Table.Th ta="right">{t("kpi.applicant")}</Table.Th>
                <Table.Th ta="right">{t("kpi.overdueOpen")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.map((r) => (
                <Table.Tr key={r.code}>
                  <Table.Td>{r.rank}</Table.Td>
                  <Table.Td>
                    {onPick ? (
                      <Anchor
                        component="button"
                        type="button"
                        size="sm"
                        ta="left"
                        onClick={() => onPick(r.code)}
                      >
                        {r.name}
                      </Anchor>
                    ) : (
                      <Text size="sm">{r.name}</Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{points(r.total, i18n.language)}</Table.Td>
                  <Table.Td ta="right">{r.received.toLocaleString("vi-VN")}</Table.Td>
                  <Table.Td ta="right">{percent(r.onTime, i18n.language)}</Table.Td>
                  <Table.Td ta="right">{percent(r.onlineReported, i18n.language)}</Table.Td>
                  <Table.Td ta="right">{percent(r.onlineApplicant, i18n.language)}</Table.Td>
                  <Table.Td ta="right">{r.overdueOpen.toLocaleString("vi-VN")}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
