import { Alert, Anchor, Badge, Button, Grid, Group, Kbd, Stack, Table, Text, Title } from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { api, openPdf, unwrap, uploadFile } from "../../api/client.ts";
import { ErrorNote } from "../../components/ErrorNote.tsx";
import { FileDrop } from "../../components/FileDrop.tsx";
import { Loading } from "../../components/Loading.tsx";
import { Section } from "../../components/Section.tsx";
import { DeadlineFlags, StatusBadge } from "../../components/StatusBadge.tsx";
import { formatDate, formatDateTime } from "../../format.ts";
import { ActionDialog, type ActionType } from "./ActionDialog.tsx";
import { TrailPanel } from "./TrailPanel.tsx";

const FORMS = ["01", "02", "03", "04", "05", "06"] as const;
const SHORTCUTS: [string, ActionType][] = [
  ["f", "forward"],
  ["a", "approve"],
  ["b", "send-back"],
  ["s", "request-supplement"],
];

const KEY_OF: Partial<Record<ActionType, string>> = Object.fromEntries(SHORTCUTS.map(([k, a]) => [a, k]));

interface FileItem {
  id: string;
  name: string;
  component: string;
  kind: string;
  size: number;
  version: number;
  url: string | null;
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

export default function DossierPage() {
  const { t } = useTranslation();
  const code = useParams().code ?? "";
  const qc = useQueryClient();
  const [action, setAction] = useState<ActionType | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const view = useQuery({
    queryKey: ["dossier", code, "view"],
    queryFn: () => unwrap(api.GET("/api/v1/dossiers/{code}", { params: { path: { code } } })),
  });
  const history = useInfiniteQuery({
    queryKey: ["dossier", code, "history"],
    initialPageParam: 0,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/dossiers/{code}/history", {
          params: { path: { code }, query: { after: pageParam, limit: 20 } },
        }),
      ),
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const files = useQuery({
    queryKey: ["dossier", code, "files"],
    queryFn: async () =>
      (await unwrap(api.GET("/api/v1/dossiers/{code}/files", { params: { path: { code } } })))
        .items as unknown as FileItem[],
  });
  const d = view.data;
  const can = (a: ActionType) => d?.availableActions.includes(a) ?? false;
  const print = (form: string) => {
    setError(null);
    openPdf(`/api/v1/dossiers/${encodeURIComponent(code)}/forms/${form}.pdf`).catch(setError);
  };
  useHotkeys([
    ...SHORTCUTS.map(([key, a]) => [key, () => can(a) && setAction(a)] as [string, () => void]),
    ["p", () => print("01")],
  ]);
  if (view.isPending) return <Loading />;
  if (view.error || !d) return <ErrorNote error={view.error} />;
  const openSubcases = d.subcases.filter((s) => !s.closedAt);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={1} size="h3" className="mono" data-testid="dossier-code">
              {d.code}
            </Title>
            <StatusBadge status={d.status} label={d.statusLabel} />
            <DeadlineFlags {...d.flags} />
            {d.flags.paused && (
              <Badge color="gray" style={{ textTransform: "none" }}>
                {t("common.paused")}
              </Badge>
            )}
            {d.flags.synthetic && (
              <Badge color="gray" variant="outline" style={{ textTransform: "none" }}>
                {t("common.synthetic")}
              </Badge>
            )}
          </Group>
          <Text>{d.procedure.name}</Text>
        </Stack>
        <Group gap={4}>
          <Text size="xs" c="dimmed">
            {t("dossier.forms")}:
          </Text>
          {FORMS.map((f) => (
            <Button
              key={f}
              size="compact-xs"
              variant="default"
              onClick={() => print(f)}
              aria-label={t("reception.printForm", { form: f })}
            >
              {f}
            </Button>
          ))}
        </Group>
      </Group>
      {notice && (
        <Alert
          color="green"
          withCloseButton
          onClose={() => setNotice(null)}
          role="status"
          data-testid="notice"
        >
          {notice}
        </Alert>
      )}
      <ErrorNote error={error} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Section title={t("dossier.summary")}>
              <Grid gutter="sm">
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <Field label={t("common.applicant")}>
                    {d.applicant.name} · <span className="mono">{d.applicant.idNumber}</span>
                  </Field>
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <Field label={t("dossier.channel")}>
                    {t(`dossier.channels.${d.channel}`)} · {t("dossier.submittedBy")}:{" "}
                    {t(`dossier.by.${d.submission.by}`)}
                    {d.submission.vneidVerified ? " · VNeID" : ""}
                  </Field>
                </Grid.Col>
                <Grid.Col span={{ base: 6, sm: 3 }}>
                  <Field label={t("common.received")}>{formatDateTime(d.receivedAt)}</Field>
                </Grid.Col>
                <Grid.Col span={{ base: 6, sm: 3 }}>
                  <Field label={t("common.due")}>
                    <b data-testid="due-at">{formatDateTime(d.dueAt)}</b>
                  </Field>
                </Grid.Col>
                <Grid.Col span={{ base: 6, sm: 3 }}>
                  <Field label={t("dossier.receiving")}>{d.receivingAgency}</Field>
                </Grid.Col>
                <Grid.Col span={{ base: 6, sm: 3 }}>
                  <Field label={t("dossier.handling")}>{d.handlingAgency}</Field>
                </Grid.Col>
              </Grid>
            </Section>
            <Section title={t("dossier.components")}>
              <Table>
                <Table.Tbody>
                  {d.components.map((c) => (
                    <Table.Tr key={c.name}>
                      <Table.Td>{c.name}</Table.Td>
                      <Table.Td w={120} style={{ whiteSpace: "nowrap" }}>
                        <Badge variant="light" style={{ textTransform: "none", overflow: "visible" }}>
                          {t(`reception.form.${c.form}`, { defaultValue: c.form })}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {(files.data ?? [])
                          .filter((f) => f.component === c.name)
                          .map((f) => (
                            <Anchor key={f.id} href={f.url ?? undefined} target="_blank" size="sm" mr="xs">
                              {f.name} (v{f.version})
                            </Anchor>
                          ))}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Title order={3} size="h6" mt="md" mb={4}>
                {t("dossier.files")}
              </Title>
              {(files.data ?? [])
                .filter((f) => !d.components.some((c) => c.name === f.component))
                .map((f) => (
                  <Anchor key={f.id} href={f.url ?? undefined} target="_blank" size="sm" mr="md">
                    {f.name} · {f.kind}
                  </Anchor>
                ))}
              <FileDrop
                onFiles={async (list) => {
                  setError(null);
                  try {
                    for (const f of list) {
                      await uploadFile(code, f, "");
                      setNotice(t("dossier.uploaded", { name: f.name }));
                    }
                  } catch (x) {
                    setError(x);
                  }
                  await qc.invalidateQueries({ queryKey: ["dossier", code, "files"] });
                }}
              />
            </Section>
            <Section title={t("dossier.timeline")}>
              <Table data-testid="journal">
                <Table.Tbody>
                  {history.data?.pages
                    .flatMap((p) => p.items)
                    .map((h) => (
                      <Table.Tr key={h.seq}>
                        <Table.Td w={140}>{formatDateTime(h.at)}</Table.Td>
                        <Table.Td>
                          <Text size="sm" fw={500}>
                            {t(`actions.${h.type}`, { defaultValue: h.type })}
                          </Text>
                          {h.note && (
                            <Text size="xs" c="dimmed">
                              {h.note}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{h.actor}</Text>
                          <Text size="xs" c="dimmed">
                            {h.actorAgency}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </Table>
              {history.hasNextPage && (
                <Button variant="subtle" size="xs" onClick={() => void history.fetchNextPage()}>
                  {t("dossier.loadMore")}
                </Button>
              )}
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <Section title={t("dossier.currentStep")}>
              <Stack gap="xs">
                <Field label={t("dossier.currentStep")}>{d.currentStep?.name ?? "—"}</Field>
                <Field label={t("dossier.holder")}>
                  {t(`roles.${d.holder.role}`, { defaultValue: d.holder.role })} · {d.holder.agencyCode}
                </Field>
                <Field label={t("dossier.stepDue")}>{formatDateTime(d.stepDueAt)}</Field>
                {d.flags.reappointed && (
                  <Field label={t("common.reappointed")}>{formatDate(d.firstDueAt)}</Field>
                )}
              </Stack>
            </Section>
            <Section title={t("dossier.actions")}>
              <Stack gap="xs" data-testid="actions">
                {d.availableActions.length === 0 && <Text size="sm">{t("dossier.noActions")}</Text>}
                {d.availableActions.map((a) => (
                  <Button
                    key={a}
                    variant="light"
                    onClick={() => setAction(a)}
                    justify="space-between"
                    rightSection={KEY_OF[a] ? <Kbd size="xs">{KEY_OF[a]?.toUpperCase()}</Kbd> : null}
                  >
                    {t(`actions.${a}`)}
                  </Button>
                ))}
              </Stack>
              <Text size="xs" c="dimmed" mt="sm">
                {t("dossier.shortcuts")}
              </Text>
            </Section>
            <TrailPanel code={code} />
          </Stack>
        </Grid.Col>
      </Grid>
      <ActionDialog
        code={code}
        action={action}
        subcases={openSubcases}
        components={d.components.map((c) => c.name)}
        files={(files.data ?? []).map((f) => ({ id: f.id, name: f.name }))}
        onClose={() => setAction(null)}
        onDone={(a) => {
          setAction(null);
          setNotice(t("dossier.done", { action: t(`actions.${a}`) }));
          void qc.invalidateQueries({ queryKey: ["dossier", code] });
        }}
      />
    </Stack>
  );
}
