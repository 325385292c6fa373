import { Badge, Button, Group, NumberInput, Select, Stack, Table, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client.ts";
import { ErrorNote } from "../../components/ErrorNote.tsx";
import { Section } from "../../components/Section.tsx";
import { formatDate } from "../../format.ts";

/** The holiday calendar of a year, as the deadline engine uses it, with administrators' overrides. */
export default function CalendarPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [year, setYear] = useState(new Date().getFullYear());
  const days = useQuery({
    queryKey: ["calendar", year],
    queryFn: () => unwrap(api.GET("/api/v1/calendar/days", { params: { query: { year } } })),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ["calendar", year] });
  const put = useMutation({
    mutationFn: (b: { date: string; working: boolean; nameVi: string; source: string }) =>
      unwrap(
        api.PUT("/api/v1/calendar/days/{date}", {
          params: { path: { date: b.date } },
          body: { working: b.working, nameVi: b.nameVi, nameEn: "", source: b.source },
        }),
      ),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (date: string) =>
      unwrap(api.DELETE("/api/v1/calendar/days/{date}", { params: { path: { date } } })),
    onSuccess: refresh,
  });
  return (
    <Stack maw={1000}>
      <Title order={1} size="h3">
        {t("admin.calendar")}
      </Title>
      <NumberInput
        label={t("admin.year")}
        value={year}
        min={2023}
        max={2100}
        onChange={(v) => setYear(Number(v) || year)}
        w={140}
      />
      <Section title={t("admin.addOverride")}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            put.mutate({
              date: String(f.get("date")),
              working: f.get("working") === "true",
              nameVi: String(f.get("nameVi")),
              source: String(f.get("source")),
            });
          }}
        >
          <Group align="flex-end" wrap="wrap">
            <TextInput name="date" type="date" label={t("admin.date")} required />
            <Select
              name="working"
              label={t("admin.working")}
              defaultValue="false"
              data={[
                { value: "false", label: t("admin.dayOff") },
                { value: "true", label: t("admin.working") },
              ]}
              w={150}
            />
            <TextInput name="nameVi" label={t("admin.name")} required minLength={2} w={260} />
            <TextInput name="source" label={t("ui.notice")} w={220} />
            <Button type="submit" loading={put.isPending}>
              {t("common.save")}
            </Button>
          </Group>
        </form>
        <ErrorNote error={put.error ?? remove.error} />
      </Section>
      <ErrorNote error={days.error} />
      <Table.ScrollContainer minWidth={700}>
        <Table data-testid="calendar-days">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("admin.date")}</Table.Th>
              <Table.Th>{t("admin.name")}</Table.Th>
              <Table.Th>{t("admin.working")}</Table.Th>
              <Table.Th>{t("admin.origin")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {days.data?.items.map((d) => (
              <Table.Tr key={d.date}>
                <Table.Td>{formatDate(`${d.date}T12:00:00+07:00`)}</Table.Td>
                <Table.Td>{d.nameVi}</Table.Td>
                <Table.Td>
                  <Badge color={d.working ? "blue" : "gray"} style={{ textTransform: "none" }}>
                    {d.working ? t("admin.working") : t("admin.dayOff")}
                  </Badge>
                </Table.Td>
                <Table.Td>{d.origin === "override" ? t("ui.adminOverride") : d.source || d.kind}</Table.Td>
                <Table.Td>
                  {d.origin === "override" && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      onClick={() => remove.mutate(d.date)}
                    >
                      {t("admin.removeOverride")}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
