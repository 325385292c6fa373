import {
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type paths, unwrap } from "../../api/client.ts";
import { ErrorNote } from "../../components/ErrorNote.tsx";
import { vnInputToIso } from "../../format.ts";

type ActionBody = NonNullable<
  paths["/api/v1/dossiers/{code}/actions"]["post"]["requestBody"]
>["content"]["application/json"];
export type ActionType = ActionBody["type"];

// Actions whose reason the law asks for (and the server requires, at least 3 characters).
const REASONED = new Set<ActionType>([
  "refuse",
  "request-completion",
  "send-back",
  "request-supplement",
  "withdraw",
  "stop",
  "reappoint",
]);
const WITH_ITEMS = new Set<ActionType>(["request-supplement", "request-completion"]);

interface Props {
  code: string;
  action: ActionType | null;
  subcases: { id: string; agencyCode: string; closedAt: string | null }[];
  components: string[];
  files: { id: string; name: string }[];
  onClose(): void;
  onDone(action: ActionType): void;
}

/** One action with its confirmation: the fields the action needs, and the server's answer. */
export function ActionDialog({ code, action, subcases, components, files, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form, setForm] = useState<Record<string, string | boolean | number | string[]>>({});
  const set = (k: string, v: string | boolean | number | string[] | null) =>
    setForm((f) => ({ ...f, [k]: v ?? "" }));
  const officials = useQuery({
    queryKey: ["officials", "mine"],
    enabled: action === "assign",
    queryFn: () => unwrap(api.GET("/api/v1/officials", { params: { query: { limit: 200 } } })),
  });
  const submit = useMutation({
    mutationFn: (body: ActionBody) =>
      unwrap(api.POST("/api/v1/dossiers/{code}/actions", { params: { path: { code } }, body })),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ["dossier", code] });
      await qc.invalidateQueries({ queryKey: ["inbox"] });
      if (action) onDone(action);
      setForm({});
    },
  });
  if (!action) return null;
  const note = String(form.note ?? "");
  const body = (): ActionBody => {
    const items = String(form.missingItems ?? "")
      .split("\n")
      .map((s) => s.trim())
      .filter(Boolean);
    const b: Record<string, unknown> = { type: action, note };
    if (WITH_ITEMS.has(action)) b.missingItems = items;
    if (action === "reappoint") b.newDueAt = form.newDueAt ? vnInputToIso(String(form.newDueAt)) : "";
    if (action === "assign") b.officialId = Number(form.officialId);
    if (action === "issue-result") {
      b.kind = form.kind || "positive";
      if (form.content) b.content = form.content;
      if (form.paperReason) b.paperReason = form.paperReason;
    }
    if (action === "return-result") b.method = form.method || "desk";
    if (action === "request-payment" && form.amountVnd) b.amountVnd = Number(form.amountVnd);
    if (action === "confirm-payment") b.online = Boolean(form.online);
    if (action === "open-subcase") {
      b.agencyCode = form.agencyCode;
      b.budgetMinutes = Number(form.budgetMinutes || 480);
    }
    if (action === "close-subcase") b.subcaseId = form.subcaseId;
    if (action === "digitise") {
      b.component = form.component;
      b.fileIds = form.fileIds;
    }
    return b as ActionBody;
  };
  return (
    <Modal opened onClose={onClose} title={t(`actions.${action}`)} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit.mutate(body());
        }}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            {code}
          </Text>
          {action === "assign" && (
            <Select
              label={t("actions.assign")}
              required
              searchable
              data={(officials.data?.items ?? []).map((o) => ({
                value: String(o.id),
                label: `${o.fullName} (${o.username})`,
              }))}
              onChange={(v) => set("officialId", v)}
            />
          )}
          {action === "reappoint" && (
            <TextInput
              type="datetime-local"
              label={t("dossier.newDueAt")}
              required
              onChange={(e) => set("newDueAt", e.currentTarget.value)}
            />
          )}
          {action === "issue-result" && (
            <>
              <Select
                label={t("ui.resultKind")}
                defaultValue="positive"
                data={[
                  { value: "positive", label: t("ui.positive") },
                  { value: "negative", label: t("ui.negative") },
                ]}
                onChange={(v) => set("kind", v)}
              />
              <Textarea
                label={t("ui.content")}
                autosize
                minRows={3}
                onChange={(e) => set("content", e.currentTarget.value)}
              />
              <TextInput
                label={t("ui.paperReason")}
                onChange={(e) => set("paperReason", e.currentTarget.value)}
              />
            </>
          )}
          {action === "return-result" && (
            <Select
              label={t("ui.returnMethod")}
              defaultValue="desk"
              data={[
                { value: "desk", label: t("ui.m_desk") },
                { value: "post", label: t("ui.m_post") },
                { value: "online", label: t("ui.m_online") },
              ]}
              onChange={(v) => set("method", v)}
            />
          )}
          {action === "request-payment" && (
            <NumberInput
              label={t("ui.amount")}
              thousandSeparator="."
              decimalSeparator=","
              min={1}
              onChange={(v) => set("amountVnd", Number(v) || "")}
            />
          )}
          {action === "confirm-payment" && (
            <Checkbox label={t("ui.paidOnline")} onChange={(e) => set("online", e.currentTarget.checked)} />
          )}
          {action === "open-subcase" && (
            <>
              <TextInput
                label={t("ui.partnerAgency")}
                required
                onChange={(e) => set("agencyCode", e.currentTarget.value)}
              />
              <NumberInput
                label={t("ui.subcaseTime")}
                defaultValue={480}
                min={0}
                max={480 * 60}
                onChange={(v) => set("budgetMinutes", Number(v))}
              />
            </>
          )}
          {action === "close-subcase" && (
            <Select
              label={t("ui.subcase")}
              required
              data={subcases
                .filter((s) => !s.closedAt)
                .map((s) => ({ value: s.id, label: `${s.id} · ${s.agencyCode}` }))}
              onChange={(v) => set("subcaseId", v)}
            />
          )}
          {action === "digitise" && (
            <>
              <Select
                label={t("dossier.components")}
                required
                data={components}
                onChange={(v) => set("component", v)}
              />
              <Select
                label={t("dossier.files")}
                required
                data={files.map((f) => ({ value: f.id, label: f.name }))}
                onChange={(v) => set("fileIds", v ? [v] : [])}
              />
            </>
          )}
          {WITH_ITEMS.has(action) && (
            <Textarea
              label={t("dossier.missingItems")}
              required
              autosize
              minRows={3}
              onChange={(e) => set("missingItems", e.currentTarget.value)}
            />
          )}
          <Textarea
            label={REASONED.has(action) ? t("dossier.reason") : t("dossier.note")}
            required={REASONED.has(action)}
            minLength={REASONED.has(action) ? 3 : undefined}
            autosize
            minRows={2}
            value={note}
            onChange={(e) => set("note", e.currentTarget.value)}
          />
          <ErrorNote error={submit.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={submit.isPending} color={REASONED.has(action) ? "orange" : "blue"}>
              {t("common.confirm")}: {t(`actions.${action}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
