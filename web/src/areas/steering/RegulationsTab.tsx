import { Badge, Group, Stack, Switch, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client.ts";
import { useAgencies } from "../../api/useAgencies.ts";
import { useAuth } from "../../auth.tsx";
import { formatDate } from "../../format.ts";
import { Listed, RegisterTable } from "./Listed.tsx";
import { StepForm } from "./StepForm.tsx";

type Regulation = Awaited<ReturnType<typeof load>>["items"][number];
type Action = Parameters<typeof act>[1];
const load = (overdue: boolean) =>
  unwrap(api.GET("/api/v1/steering/regulations", { params: { query: overdue ? { overdue: "true" } : {} } }));
const act = (
  id: string,
  body:
    | { type: "submit" | "return" | "cancel"; note: string }
    | { type: "issue"; number: string; issuedOn: string; note: string }
    | { type: "reschedule"; dueOn: string; note: string },
) => unwrap(api.POST("/api/v1/steering/regulations/{id}/actions", { params: { path: { id } }, body }));

const STATUS_COLOR = { drafting: "gray", submitted: "blue", issued: "green", cancelled: "dark" } as const;

/** Văn bản quy định chi tiết: the register, overdue rows first in red, each step in place. */
export function RegulationsTab() {
  const { t } = useTranslation();
  const { has } = useAuth();
  const [overdue, setOverdue] = useState(false);
  const list = useQuery({ queryKey: ["steering", "regulations", overdue], queryFn: () => load(overdue) });
  const agencies = useAgencies(has("admin", "leader"));
  const agencyOptions = (agencies.data ?? []).map((a) => ({ value: a.code, label: a.name }));
  return (
    <Stack>
      <Group justify="space-between">
        <Switch
          label={t("steering.onlyOverdue")}
          checked={overdue}
          onChange={(e) => setOverdue(e.currentTarget.checked)}
        />
        {has("admin", "leader") && (
          <StepForm
            label={t("steering.register")}
            variant="filled"
            fields={[
              { name: "title", label: t("steering.regTitle") },
              { name: "legalBasis", label: t("steering.legalBasis") },
              { name: "agencyCode", label: t("steering.drafter"), kind: "select", options: agencyOptions },
              { name: "dueOn", label: t("steering.dueOn"), kind: "date" },
              { name: "note", label: t("steering.note"), kind: "textarea" },
            ]}
            send={(v) =>
              unwrap(
                api.POST("/api/v1/steering/regulations", {
                  body: {
                    title: v.title ?? "",
                    legalBasis: v.legalBasis ?? "",
                    agencyCode: v.agencyCode ?? "",
                    dueOn: v.dueOn ?? "",
                    note: v.note ?? "",
                    issuerLevel: "province",
                  },
                }),
              )
            }
          />
        )}
      </Group>
      <Listed query={list}>
        {(items) => (
          <RegisterTable
            heads={[
              t("steering.regTitle"),
              t("steering.drafter"),
              t("steering.dueOn"),
              t("steering.status"),
              t("steering.steps"),
            ]}
          >
            {items.map((r) => (
              <Row key={r.id} r={r} />
            ))}
          </RegisterTable>
        )}
      </Listed>
    </Stack>
  );
}

function Row({ r }: { r: Regulation }) {
  const { t } = useTranslation();
  const { has } = useAuth();
  const open = r.status === "drafting" || r.status === "submitted";
  const manage = has("admin", "leader");
  const own = has("leader", "head", "specialist");
  const step = (body: Action) => act(r.id, body);
  return (
    <Table.Tr className={r.overdue ? "row-overdue" : undefined} data-testid="regulation-row">
      <Table.Td>
        <Text size="sm" fw={500}>
          {r.title}
        </Text>
        <Text size="xs" c="dimmed">
          {r.legalBasis}
          {r.issuedNumber &&
            ` · ${t("steering.issuedAs", { number: r.issuedNumber, date: formatDate(r.issuedOn) })}`}
        </Text>
      </Table.Td>
      <Table.Td>{r.agencyName}</Table.Td>
      <Table.Td>
        {formatDate(r.dueOn)}
        {r.originalDueOn !== r.dueOn && (
          <Text size="xs" c="dimmed">
            {t("steering.firstDue", { date: formatDate(r.originalDueOn) })}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={r.overdue ? "red" : STATUS_COLOR[r.status]}>
          {t(`steering.regStatus.${r.status}`)}
        </Badge>
        {r.overdue && (
          <Text size="xs" c="red.8" fw={600}>
            {t("steering.daysOverdue", { n: r.daysOverdue })}
          </Text>
        )}
        {r.issuedLate && (
          <Text size="xs" c="orange.9">
            {t("steering.issuedLate")}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {open && (
          <Group gap={4}>
            {own && r.status === "drafting" && (
              <StepForm
                label={t("steering.submit")}
                fields={[]}
                send={() => step({ type: "submit", note: "" })}
              />
            )}
            {own && (
              <StepForm
                label={t("steering.issue")}
                color="green"
                fields={[
                  { name: "number", label: t("steering.number") },
                  { name: "issuedOn", label: t("steering.issuedOn"), kind: "date" },
                ]}
                send={(v) =>
                  step({ type: "issue", number: v.number ?? "", issuedOn: v.issuedOn ?? "", note: "" })
                }
              />
            )}
            {manage && r.status === "submitted" && (
              <StepForm
                label={t("steering.return")}
                fields={[{ name: "note", label: t("steering.reason"), kind: "textarea" }]}
                send={(v) => step({ type: "return", note: v.note ?? "" })}
              />
            )}
            {manage && (
              <StepForm
                label={t("steering.reschedule")}
                variant="subtle"
                fields={[
                  { name: "dueOn", label: t("steering.newDue"), kind: "date" },
                  { name: "note", label: t("steering.reason"), kind: "textarea" },
                ]}
                send={(v) => step({ type: "reschedule", dueOn: v.dueOn ?? "", note: v.note ?? "" })}
              />
            )}
            {manage && (
              <StepForm
                label={t("steering.cancel")}
                variant="subtle"
                color="red"
                fields={[{ name: "note", label: t("steering.reason"), kind: "textarea" }]}
                send={(v) => step({ type: "cancel", note: v.note ?? "" })}
              />
            )}
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
