import {
  ActionIcon,
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { api, type paths, unwrap } from "../../api/client.ts";
import { ErrorNote } from "../../components/ErrorNote.tsx";
import { Loading } from "../../components/Loading.tsx";

type Process =
  paths["/api/v1/procedures/{code}/process"]["get"]["responses"]["200"]["content"]["application/json"];
type Step = Process["steps"][number];
const ROLES = ["desk", "specialist", "head", "leader", "clerk"] as const;
const KINDS = ["appraisal", "review", "approval", "issue", "return"] as const;

/** Quy trình nội bộ: steps, roles and time budgets; the server validates and stores a new version. */
export default function ProcessEditorPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const code = params.get("ma") ?? "";
  const [draft, setDraft] = useState<Step[]>([]);
  const current = useQuery({
    queryKey: ["process", code],
    enabled: /^\d\.\d{6}$/.test(code),
    queryFn: () => unwrap(api.GET("/api/v1/procedures/{code}/process", { params: { path: { code } } })),
  });
  useEffect(() => setDraft(current.data?.steps ?? []), [current.data]);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT("/api/v1/procedures/{code}/process", {
          params: { path: { code } },
          body: { duration: current.data?.duration, pauseRule: current.data?.pauseRule, steps: draft },
        }),
      ),
    onSuccess: () => void current.refetch(),
  });
  const update = (i: number, patch: Partial<Step>) =>
    setDraft((d) => d.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const total = draft.reduce((s, x) => s + x.budgetMinutes, 0);
  return (
    <Stack maw={1100}>
      <Title order={1} size="h3">
        {t("admin.process")}
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setParams({ ma: String(new FormData(e.currentTarget).get("code")).trim() });
        }}
      >
        <Group align="flex-end">
          <TextInput
            name="code"
            label={t("admin.procedureCode")}
            defaultValue={code}
            placeholder="1.001193"
            required
            pattern="\d\.\d{6}"
          />
          <Button type="submit" variant="default">
            {t("admin.load")}
          </Button>
        </Group>
      </form>
      {current.isFetching && <Loading />}
      <ErrorNote error={current.error} />
      {current.data && (
        <Paper withBorder p="md">
          <Group justify="space-between" mb="xs">
            <Text fw={600}>
              {t("admin.version", { v: current.data.version })} ·{" "}
              {current.data.origin === "derived" ? t("ui.derived") : t("ui.configured")}
            </Text>
            <Text size="sm" c="dimmed">
              {t("ui.budgetTotal", { minutes: total, days: (total / 480).toFixed(2) })} ·{" "}
              {current.data.duration.kind === "working"
                ? t("ui.legalDays", { days: current.data.duration.minutes / 480 })
                : current.data.duration.kind}
            </Text>
          </Group>
          <Table.ScrollContainer minWidth={900}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("admin.stepKey")}</Table.Th>
                  <Table.Th>{t("admin.stepName")}</Table.Th>
                  <Table.Th>{t("ui.kind")}</Table.Th>
                  <Table.Th>{t("admin.role")}</Table.Th>
                  <Table.Th>{t("ui.stepAgency")}</Table.Th>
                  <Table.Th>{t("admin.budget")}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {draft.map((s, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; keys may be typed over.
                  <Table.Tr key={i}>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        aria-label={t("admin.stepKey")}
                        value={s.key}
                        onChange={(e) => update(i, { key: e.currentTarget.value })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        aria-label={t("admin.stepName")}
                        value={s.name}
                        onChange={(e) => update(i, { name: e.currentTarget.value })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        size="xs"
                        aria-label={t("ui.kind")}
                        value={s.kind}
                        data={KINDS.map((k) => ({ value: k, label: t(`ui.k_${k}`) }))}
                        onChange={(v) => v && update(i, { kind: v as Step["kind"] })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        size="xs"
                        aria-label={t("admin.role")}
                        value={s.role}
                        data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                        onChange={(v) => v && update(i, { role: v as Step["role"] })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        size="xs"
                        aria-label={t("ui.stepAgency")}
                        value={s.agency}
                        data={[
                          { value: "receiving", label: t("ui.atReceiving") },
                          { value: "handling", label: t("ui.atHandling") },
                        ]}
                        onChange={(v) => v && update(i, { agency: v as Step["agency"] })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        size="xs"
                        aria-label={t("admin.budget")}
                        min={0}
                        value={s.budgetMinutes}
                        onChange={(v) => update(i, { budgetMinutes: Number(v) || 0 })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t("admin.removeStep")}
                        onClick={() => setDraft((d) => d.filter((_, j) => j !== i))}
                      >
                        ×
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group mt="sm">
            <Button
              variant="default"
              onClick={() =>
                setDraft((d) => [
                  ...d.slice(0, -1),
                  {
                    key: `buoc-${d.length + 1}`,
                    name: t("ui.newStep"),
                    kind: "review",
                    role: "specialist",
                    agency: "handling",
                    budgetMinutes: 240,
                  },
                  ...d.slice(-1),
                ])
              }
            >
              {t("admin.addStep")}
            </Button>
            <Button onClick={() => save.mutate()} loading={save.isPending}>
              {t("common.save")}
            </Button>
          </Group>
          <ErrorNote error={save.error} />
          {save.data && (
            <Alert color="green" mt="sm" role="status">
              {t("admin.saved", { v: save.data.version })}
            </Alert>
          )}
        </Paper>
      )}
    </Stack>
  );
}
