import { Button, Table, Text } from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, type paths, unwrap } from "../../api/client.ts";
import { DossierCells } from "../../components/DossierCells.tsx";
import { ErrorNote } from "../../components/ErrorNote.tsx";
import { StatusBadge } from "../../components/StatusBadge.tsx";
import { formatDate } from "../../format.ts";

type Query = NonNullable<paths["/api/v1/overview/dossiers"]["get"]["parameters"]["query"]>;

/** The dossiers behind a number on the overview, by due date. */
export function DrillDownList({ params }: { params: URLSearchParams }) {
  const { t } = useTranslation();
  const filter = Object.fromEntries(
    ["agency", "commune", "status", "flag"].flatMap((k) => (params.get(k) ? [[k, params.get(k)]] : [])),
  ) as Partial<Query>;
  const list = useInfiniteQuery({
    queryKey: ["overview", "dossiers", filter],
    initialPageParam: "",
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/overview/dossiers", {
          params: { query: { ...filter, limit: 25, ...(pageParam ? { cursor: pageParam } : {}) } as Query },
        }),
      ),
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <ErrorNote error={list.error} />
      <Table.ScrollContainer minWidth={800}>
        <Table data-testid="drill-down">
          <Table.Tbody>
            {rows.map((d) => (
              <Table.Tr key={d.code} className={d.overdue ? "row-overdue" : undefined}>
                <DossierCells code={d.code} procedureName={d.procedureName} />
                <Table.Td>{d.applicantName}</Table.Td>
                <Table.Td>
                  <StatusBadge status={d.status} label={d.statusLabel} />
                </Table.Td>
                <Table.Td>{d.holder}</Table.Td>
                <Table.Td>{formatDate(d.dueAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {rows.length === 0 && !list.isPending && <Text size="sm">{t("common.none")}</Text>}
      {list.hasNextPage && (
        <Button variant="subtle" size="xs" onClick={() => void list.fetchNextPage()}>
          {t("common.more")}
        </Button>
      )}
    </>
  );
}
