import {
  Alert,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type paths, unwrap } from "../../api/client.ts";
import { useAgencies } from "../../api/useAgencies.ts";
import { ErrorNote } from "../../components/ErrorNote.tsx";
import { Section } from "../../components/Section.tsx";
import { formatDate, formatDateTime } from "../../format.ts";

type Submission = paths["/api/v1/public/feedback"]["post"]["requestBody"]["content"]["application/json"];

/** Phản ánh, kiến nghị: send one, read its answer by code and PIN, and the answers made public. */
export default function FeedbackPage() {
  const { t } = useTranslation();
  const [form, setForm] = useState<Submission>({
    kind: "complaint",
    subject: "agency",
    title: "",
    content: "",
    name: "",
    contact: "",
    anonymous: false,
  });
  const set = (patch: Partial<Submission>) => setForm((f) => ({ ...f, ...patch }));
  const agencies = useAgencies();
  const send = useMutation({ mutationFn: () => unwrap(api.POST("/api/v1/public/feedback", { body: form })) });
  const answers = useQuery({
    queryKey: ["feedback", "published"],
    queryFn: () => unwrap(api.GET("/api/v1/public/feedback-answers", { params: { query: { limit: 10 } } })),
  });
  return (
    <Stack maw={820} mx="auto" gap="lg">
      <Title order={1} size="h3">
        {t("feedback.title")}
      </Title>
      <Text size="sm" c="dimmed">
        {t("feedback.lead")}
      </Text>
      <Paper withBorder p="md">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            send.mutate();
          }}
        >
          <Stack gap="sm">
            <Group grow>
              <Select
                label={t("feedback.kind")}
                value={form.kind}
                allowDeselect={false}
                data={(["complaint", "suggestion"] as const).map((k) => ({
                  value: k,
                  label: t(`feedback.kinds.${k}`),
                }))}
                onChange={(v) => v && set({ kind: v as Submission["kind"] })}
              />
              <Select
                label={t("feedback.subject")}
                value={form.subject}
                allowDeselect={false}
                data={(["dossier", "procedure", "agency"] as const).map((k) => ({
                  value: k,
                  label: t(`feedback.subjects.${k}`),
                }))}
                onChange={(v) => v && set({ subject: v as Submission["subject"] })}
              />
            </Group>
            {form.subject === "dossier" && (
              <Group grow>
                <TextInput
                  label={t("feedback.dossierCode")}
                  value={form.dossierCode ?? ""}
                  onChange={(e) => set({ dossierCode: e.currentTarget.value.trim() })}
                />
                <TextInput
                  label={t("feedback.dossierPin")}
                  value={form.dossierPin ?? ""}
                  inputMode="numeric"
                  onChange={(e) => set({ dossierPin: e.currentTarget.value.trim() })}
                />
              </Group>
            )}
            {form.subject === "procedure" && (
              <TextInput
                label={t("feedback.procedureCode")}
                value={form.procedureCode ?? ""}
                onChange={(e) => set({ procedureCode: e.currentTarget.value.trim() })}
              />
            )}
            {form.subject === "agency" && (
              <Select
                label={t("feedback.agency")}
                searchable
                value={form.agencyCode ?? null}
                data={(agencies.data ?? []).map((a) => ({ value: a.code, label: a.name }))}
                onChange={(v) => set({ agencyCode: v ?? undefined })}
              />
            )}
            <TextInput
              label={t("feedback.titleField")}
              required
              value={form.title}
              onChange={(e) => set({ title: e.currentTarget.value })}
            />
            <Textarea
              label={t("feedback.content")}
              required
              minRows={4}
              autosize
              value={form.content}
              onChange={(e) => set({ content: e.currentTarget.value })}
            />
            <Checkbox
              label={t("feedback.anonymous")}
              checked={form.anonymous}
              onChange={(e) => set({ anonymous: e.currentTarget.checked })}
            />
            {!form.anonymous && (
              <Group grow>
                <TextInput
                  label={t("feedback.name")}
                  value={form.name}
                  onChange={(e) => set({ name: e.currentTarget.value })}
                />
                <TextInput
                  label={t("feedback.contact")}
                  value={form.contact}
                  onChange={(e) => set({ contact: e.currentTarget.value })}
                />
              </Group>
            )}
            <ErrorNote error={send.error} />
            {send.data && (
              <Alert color="green" data-testid="feedback-sent">
                {t("feedback.sent", {
                  code: send.data.code,
                  pin: send.data.pin,
                  due: formatDate(send.data.dueAt),
                })}
              </Alert>
            )}
            <Button type="submit" loading={send.isPending} w="fit-content">
              {t("feedback.send")}
            </Button>
          </Stack>
        </form>
      </Paper>
      <TrackFeedback />
      <Section title={t("feedback.published")}>
        <Stack gap="sm">
          {answers.data?.items.map((a) => (
            <Paper key={a.code} withBorder p="sm">
              <Text fw={600}>{a.title}</Text>
              <Text size="xs" c="dimmed">
                {a.agencyName} · {formatDateTime(a.answeredAt)}
              </Text>
              <Text size="sm" mt={4} style={{ whiteSpace: "pre-wrap" }}>
                {a.answer}
              </Text>
            </Paper>
          ))}
        </Stack>
      </Section>
    </Stack>
  );
}

function TrackFeedback() {
  const { t } = useTranslation();
  const [code, setCode] = useState("");
  const [pin, setPin] = useState("");
  const [asked, setAsked] = useState<{ code: string; pin: string } | null>(null);
  const item = useQuery({
    queryKey: ["feedback", asked],
    enabled: asked !== null,
    retry: false,
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/public/feedback/{code}", {
          params: { path: { code: asked?.code ?? "" }, query: { pin: asked?.pin ?? "" } },
        }),
      ),
  });
  const decide = useMutation({
    mutationFn: (decision: "close" | "reopen") =>
      unwrap(
        api.POST("/api/v1/public/feedback/{code}/{decision}", {
          params: { path: { code: asked?.code ?? "", decision }, query: { pin: asked?.pin ?? "" } },
          body: { note: "" },
        }),
      ),
    onSuccess: () => item.refetch(),
  });
  const f = item.data;
  return (
    <Section title={t("feedback.track")}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setAsked({ code: code.trim(), pin: pin.trim() });
        }}
      >
        <Group align="end">
          <TextInput
            label={t("feedback.code")}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
          />
          <TextInput
            label={t("feedback.pin")}
            value={pin}
            inputMode="numeric"
            onChange={(e) => setPin(e.currentTarget.value)}
          />
          <Button type="submit">{t("track.submit")}</Button>
        </Group>
      </form>
      <ErrorNote error={item.error ?? decide.error} />
      {f && (
        <Stack gap={6} mt="sm" data-testid="feedback-status">
          <Text fw={600}>
            {f.title} — {f.statusLabel}
          </Text>
          <Text size="sm">
            {f.agencyName} · {t("feedback.due")}: {formatDateTime(f.dueAt)}
          </Text>
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            <b>{t("feedback.answer")}:</b> {f.answer || t("feedback.noAnswer")}
          </Text>
          {f.status === "answered" && (
            <Group gap="xs">
              <Button size="compact-sm" onClick={() => decide.mutate("close")}>
                {t("feedback.accept")}
              </Button>
              <Button size="compact-sm" variant="light" color="red" onClick={() => decide.mutate("reopen")}>
                {t("feedback.reopen")}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Section>
  );
}
