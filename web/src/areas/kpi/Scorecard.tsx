import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Popover,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { paths } from "../../api/client.ts";
import { formatDate } from "../../format.ts";
import { percent, points } from "./period.ts";

export type Card = paths["/api/v1/kpi/scorecard"]["get"]["responses"]["200"]["content"]["application/json"];
export type IndicatorSet =
  paths["/api/v1/kpi/indicators"]["get"]["responses"]["200"]["content"]["application/json"];
type Definition = IndicatorSet["indicators"][number];

/** The dossiers behind an indicator's numerator (the drill-down's figure). */
export const DRILL_OF: Record<string, string> = {
  "1.4": "r_synced",
  "2.1": "p_late",
  "3.3a": "r_online",
  "3.3b": "r_online_applicant",
  "4.2": "r_digitised",
  "4.3": "r_reused",
  "4.5": "r_population",
};

function Delta({ now, then }: { now: number | null; then: number | null | undefined }) {
  const { t, i18n } = useTranslation();
  if (now === null || then === null || then === undefined)
    return (
      <Text span c="dimmed">
        —
      </Text>
    );
  const d = (now - then) * 100;
  const text = t("kpi.delta", { d: `${d >= 0 ? "+" : ""}${points(d, i18n.language)}` });
  return (
    <Text span size="sm" c={d > 0 ? "#1b5e20" : d < 0 ? "red.8" : undefined}>
      {text}
    </Text>
  );
}

function How({ def }: { def: Definition }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "vi";
  return (
    <Popover width={360} withArrow shadow="md">
      <Popover.Target>
        <Button variant="subtle" size="compact-xs" aria-label={`${t("kpi.how")} ${def.id}`}>
          {t("kpi.how")}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={4}>
          <Text size="sm">
            <b>{t("kpi.numerator")}:</b> {def.numerator[lang]}
          </Text>
          <Text size="sm">
            <b>{t("kpi.denominator")}:</b> {def.denominator[lang]}
          </Text>
          <Text size="sm">
            <b>{t("kpi.threshold")}:</b>{" "}
            {def.threshold === null ? t("kpi.noThreshold") : percent(def.threshold, i18n.language)}
          </Text>
          <Text size="sm">
            <b>{t("kpi.source")}:</b> {def.source}
          </Text>
          <Badge variant="light" color={def.confidence === "V" ? "green" : "orange"}>
            {t(`kpi.confidence.${def.confidence}`)}
          </Badge>
          {def.note && <Text size="xs">{def.note}</Text>}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** Bảng điểm: the total, each group's bar, and every indicator with its counts and changes. */
export function Scorecard({
  card,
  set,
  onDrill,
}: {
  card: Card;
  set: IndicatorSet;
  onDrill?: (figure: string, not?: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "vi";
  const defs = new Map(set.indicators.map((d) => [d.id, d]));
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Paper withBorder p="md">
          <Text size="xs" c="dimmed">
            {t("kpi.total")}
          </Text>
          <Text size="xl" fw={700} data-testid="kpi-total">
            {points(card.total, i18n.language)} / 100
          </Text>
        </Paper>
        <Paper withBorder p="md">
          <Text size="xs" c="dimmed">
            {t("kpi.previous")} ({formatDate(card.previous.period.from)} –{" "}
            {formatDate(card.previous.period.to)})
          </Text>
          <Text size="lg">{points(card.previous.total, i18n.language)}</Text>
        </Paper>
        <Paper withBorder p="md">
          <Text size="xs" c="dimmed">
            {t("kpi.lastYear")} ({formatDate(card.lastYear.period.from)} –{" "}
            {formatDate(card.lastYear.period.to)})
          </Text>
          <Text size="lg">{points(card.lastYear.total, i18n.language)}</Text>
        </Paper>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
        {card.groups.map((g) => {
          const name = set.groups.find((x) => x.id === g.id)?.name[lang] ?? g.id;
          return (
            <Paper withBorder p="sm" key={g.id}>
              <Group justify="space-between" gap={4}>
                <Text size="sm" fw={600}>
                  {name}
                </Text>
                <Text size="sm">
                  {points(g.score, i18n.language)} / {g.points}
                </Text>
              </Group>
              <Progress value={(100 * g.score) / g.points} aria-label={name} mt={6} />
              {g.unassigned > 0 && (
                <Text size="xs" c="dimmed" mt={4}>
                  {t("kpi.unassigned", { n: g.unassigned })}
                </Text>
              )}
            </Paper>
          );
        })}
      </SimpleGrid>
      <Table.ScrollContainer minWidth={760}>
        <Table striped data-testid="kpi-indicators">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("kpi.indicator")}</Table.Th>
              <Table.Th ta="right">{t("kpi.rate")}</Table.Th>
              <Table.Th ta="right">{t("kpi.counted")}</Table.Th>
              <Table.Th ta="right">{t("kpi.previous")}</Table.Th>
              <Table.Th ta="right">{t("kpi.lastYear")}</Table.Th>
              <Table.Th ta="right">{t("kpi.score")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {card.indicators.map((i) => {
              const def = defs.get(i.id) as Definition;
              const average = def.kind === "average-minutes";
              const computed = def.formula !== null;
              const drill = onDrill && DRILL_OF[i.id];
              return (
                <Table.Tr key={i.id} data-indicator={i.id}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" fw={600}>
                        {i.id}
                      </Text>
                      <Text size="sm">{def.name[lang]}</Text>
                      <How def={def} />
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">
                    {!computed
                      ? t("kpi.notComputed")
                      : i.rate === null
                        ? t("kpi.noData")
                        : average
                          ? t("kpi.days", { n: points(i.rate / 1440, i18n.language) })
                          : percent(i.rate, i18n.language)}
                  </Table.Td>
                  <Table.Td ta="right">
                    {computed && drill ? (
                      <Anchor component="button" type="button" size="sm" onClick={() => onDrill(drill)}>
                        {Math.round(i.numerator).toLocaleString("vi-VN")}
                      </Anchor>
                    ) : computed ? (
                      Math.round(i.numerator).toLocaleString("vi-VN")
                    ) : (
                      ""
                    )}
                    {computed && ` / ${i.denominator.toLocaleString("vi-VN")}`}
                  </Table.Td>
                  <Table.Td ta="right">
                    {!average && <Delta now={i.rate} then={card.previous.rates[i.id]} />}
                  </Table.Td>
                  <Table.Td ta="right">
                    {!average && <Delta now={i.rate} then={card.lastYear.rates[i.id]} />}
                  </Table.Td>
                  <Table.Td ta="right">
                    {i.points > 0 ? `${points(i.score ?? 0, i18n.language)} / ${i.points}` : "—"}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
