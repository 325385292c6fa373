import { Button, Group, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { DossierCells } from "../../components/DossierCells.tsx";
import { ErrorNote } from "../../components/ErrorNote.tsx";
import { Loading } from "../../components/Loading.tsx";
import { DeadlineFlags, StatusBadge } from "../../components/StatusBadge.tsx";
import { formatDate, formatDateTime } from "../../format.ts";

const STATUSES = [
  "submitted",
  "received",
  "processing",
  "supplement-requested",
  "payment-requested",
  "awaiting-completion",
  "result-ready",
] as const;

/**
 * The queue by due date. Paging is by cursor (the last row's due date and id), so page 10,000 is
 * as fast as page 1; the cursors seen are kept in the URL so Back works.
 */
export default function InboxPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = params.get("status") as (typeof STATUSES)[number] | null;
  const flag = params.get("flag") as "overdue" | "due-soon" | null;
  const [q] = useDebouncedValue(params.get("q") ?? "", 300);
  const cursors = (params.get("pages") ?? "").split(",").filter(Boolean);
  const cursor = cursors.at(-1);
  const set = (k: string, v: string | null) =>
    setParams((p) => {
      if (v) p.set(k, v);
      else p.delete(k);
      if (k !== "pages") p.delete("pages");
      return p;
    });
  const page = useQuery({
    queryKey: ["inbox", status, flag, q, cursor],
    placeholderData: keepPreviousData,
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/inbox", {
          params: {
            query: {
              limit: 25,
              ...(status ? { status } : {}),
              ...(flag ? { flag } : {}),
              ...(q.trim() ? { q: q.trim() } : {}),
              ...(cursor ? { cursor } : {}),
            },
          },
        }),
      ),
  });
  const statusLabel = (s: string) => t(`inboxStatus.${s}`, { defaultValue: s });
  return (
    <Stack gap="sm">
      <Title order={1} size="h3">
        {status === "submitted" ? t("nav.online") : t("inbox.title")}
      </Title>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t("inbox.filterStatus")}
          clearable
          placeholder={t("common.all")}
          value={status}
          onChange={(v) => set("status", v)}
          data={STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
          w={260}
        />
        <Stack gap={2}>
          <Text size="sm" fw={500} id="flag-label">
            {t("inbox.filterFlag")}
          </Text>
          <SegmentedControl
            aria-labelledby="flag-label"
            value={flag ?? "all"}
            onChange={(v) => set("flag", v === "all" ? null : v)}
            data={[
              { value: "all", label: t("common.all") },
              { value: "overdue", label: t("common.overdue") },
              { value: "due-soon", label: t("common.dueSoon") },
            ]}
          />
        </Stack>
        <TextInput
          label={t("inbox.codePrefix")}
          value={params.get("q") ?? ""}
          onChange={(e) => set("q", e.currentTarget.value || null)}
          w={220}
        />
      </Group>
      <ErrorNote error={page.error} />
      {page.isPending ? (
        <Loading />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped={false} highlightOnHover data-testid="inbox">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("common.code")}</Table.Th>
                <Table.Th>{t("common.procedure")}</Table.Th>
                <Table.Th>{t("common.applicant")}</Table.Th>
                <Table.Th>{t("common.status")}</Table.Th>
                <Table.Th>{t("common.received")}</Table.Th>
                <Table.Th>{t("common.due")}</Table.Th>
                <Table.Th>{t("inbox.stepDue")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.data?.items.map((d) => (
                <Table.Tr
                  key={d.code}
                  className={d.overdue ? "row-overdue" : d.dueSoon ? "row-due-soon" : undefined}
                >
                  <DossierCells code={d.code} procedureName={d.procedureName} lines={2} />
                  <Table.Td>{d.applicantName}</Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <StatusBadge status={d.status} label={d.statusLabel} />
                      <DeadlineFlags {...d} />
                    </Stack>
                  </Table.Td>
                  <Table.Td>{formatDateTime(d.receivedAt)}</Table.Td>
                  <Table.Td>{formatDate(d.dueAt)}</Table.Td>
                  <Table.Td>{formatDateTime(d.stepDueAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {page.data?.items.length === 0 && <Text>{t("inbox.empty")}</Text>}
      <Group>
        {cursors.length > 0 && (
          <Button variant="default" onClick={() => set("pages", null)}>
            {t("inbox.first")}
          </Button>
        )}
        {page.data?.next && (
          <Button variant="default" onClick={() => set("pages", [...cursors, page.data.next].join(","))}>
            {t("inbox.next")}
          </Button>
        )}
        <Text size="sm" c="dimmed">
          {t("common.page")} {cursors.length + 1}
        </Text>
      </Group>
    </Stack>
  );
}
