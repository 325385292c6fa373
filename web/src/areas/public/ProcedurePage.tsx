import { Badge, Button, Group, List, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { useAuth } from "../../auth.tsx";
import { ErrorNote } from "../../components/ErrorNote.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Section } from "../../components/Section.tsx";
import { formatVnd } from "../../format.ts";

export function useProcedure(code: string | undefined) {
  return useQuery({
    queryKey: ["procedure", code],
    staleTime: 300_000, // the catalogue changes with a ministry decision, not by the minute
    enabled: Boolean(code),
    queryFn: () => unwrap(api.GET("/api/v1/procedures/{code}", { params: { path: { code: code ?? "" } } })),
  });
}

export default function ProcedurePage() {
  const { t } = useTranslation();
  const { code } = useParams();
  const { has } = useAuth();
  const p = useProcedure(code);
  if (p.isPending) return <Loading />;
  if (p.error) return <ErrorNote error={p.error} />;
  const d = p.data;
  return (
    <Stack maw={1000} mx="auto">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Text size="sm" c="dimmed" className="mono">
            {d.code}
          </Text>
          <Title order={1} size="h2">
            {d.name}
          </Title>
          <Group gap="xs">
            <Text size="sm">
              {t("catalogue.field")}: {d.field}
            </Text>
            {d.levels.map((l) => (
              <Badge key={l} variant="outline" style={{ textTransform: "none" }}>
                {l}
              </Badge>
            ))}
          </Group>
        </Stack>
        {has("desk") && (
          <Button component={Link} to={`/tiep-nhan/${d.code}`}>
            {t("catalogue.receive")}
          </Button>
        )}
      </Group>
      <Section title={t("catalogue.channels")} big>
        <Table.ScrollContainer minWidth={500}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("catalogue.channels")}</Table.Th>
                <Table.Th>{t("catalogue.time")}</Table.Th>
                <Table.Th>{t("catalogue.fees")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.channels.map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows of one published table, never reordered.
                <Table.Tr key={i}>
                  <Table.Td>{t(`ui.ch_${c.channel}`)}</Table.Td>
                  <Table.Td>{c.timeText || "—"}</Table.Td>
                  <Table.Td>
                    {c.fee.kind === "free"
                      ? t("ui.free")
                      : c.fee.kind === "amount" && c.fee.amount !== null && c.fee.currency === "VND"
                        ? formatVnd(c.fee.amount)
                        : c.fee.text || "—"}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Section>
      <Section title={t("catalogue.components")} big>
        <List spacing={4} size="sm">
          {d.components.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: component names may repeat across groups.
            <List.Item key={i}>
              {c.group && <Text span c="dimmed">{`${c.group}: `}</Text>}
              {c.name}{" "}
              <Text span size="xs" c="dimmed">
                ({c.originals} {t("catalogue.originals")}, {c.copies} {t("catalogue.copies")})
              </Text>
            </List.Item>
          ))}
        </List>
      </Section>
      <Section title={t("catalogue.results")} big>
        <List size="sm">
          {d.results.map((r) => (
            <List.Item key={r.code}>
              {r.name}{" "}
              <Text span size="xs" c="dimmed" className="mono">
                {r.code}
              </Text>
            </List.Item>
          ))}
        </List>
      </Section>
      <Section title={t("catalogue.legal")} big>
        <List size="sm">
          {d.legalBasis.map((l) => (
            <List.Item key={`${l.number}-${l.title}`}>
              <b>{l.number}</b> {l.title}
            </List.Item>
          ))}
        </List>
      </Section>
    </Stack>
  );
}
