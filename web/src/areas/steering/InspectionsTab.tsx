import { Badge, Group, Paper, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client.ts";
import { useAgencies } from "../../api/useAgencies.ts";
import { useAuth } from "../../auth.tsx";
import { formatDate } from "../../format.ts";
import { Listed } from "./Listed.tsx";
import { StepForm } from "./StepForm.tsx";

type Inspection = Awaited<ReturnType<typeof load>>["items"][number];
type Finding = Inspection["findings"][number];
const load = () => unwrap(api.GET("/api/v1/steering/inspections", { params: { query: {} } }));
const FINDING_COLOR = { open: "orange", remedied: "blue", closed: "green" } as const;

/** Kiểm tra CCHC: plans, their findings, and each finding followed to closure. */
export function InspectionsTab() {
  const { t } = useTranslation();
  const { has } = useAuth();
  const list = useQuery({ queryKey: ["steering", "inspections"], queryFn: load });
  const manage = has("admin", "leader");
  const agencies = useAgencies(manage);
  const options = (agencies.data ?? []).map((a) => ({ value: a.code, label: a.name }));
  return (
    <Stack>
      {manage && (
        <Group justify="flex-end">
          <StepForm
            label={t("steering.plan")}
            variant="filled"
            fields={[
              { name: "title", label: t("steering.inspectionTitle") },
              { name: "targetAgency", label: t("steering.target"), kind: "select", options },
              { name: "inspectorAgency", label: t("steering.inspector"), kind: "select", options },
              { name: "leadName", label: t("steering.lead") },
              { name: "startsOn", label: t("steering.startsOn"), kind: "date" },
              { name: "endsOn", label: t("steering.endsOn"), kind: "date" },
            ]}
            send={(v) =>
              unwrap(
                api.POST("/api/v1/steering/inspections", {
                  body: {
                    title: v.title ?? "",
                    targetAgency: v.targetAgency ?? "",
                    inspectorAgency: v.inspectorAgency ?? "",
                    leadName: v.leadName ?? "",
                    startsOn: v.startsOn ?? "",
                    endsOn: v.endsOn ?? "",
                  },
                }),
              )
            }
          />
        </Group>
      )}
      <Listed query={list}>
        {(items) => items.map((i) => <InspectionCard key={i.id} i={i} options={options} />)}
      </Listed>
    </Stack>
  );
}

function InspectionCard({ i, options }: { i: Inspection; options: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const { has } = useAuth();
  const manage = has("admin", "leader");
  const step = (
    body: { type: "start" | "cancel"; note: string } | { type: "complete"; conclusion: string },
  ) =>
    unwrap(api.POST("/api/v1/steering/inspections/{id}/actions", { params: { path: { id: i.id } }, body }));
  const recording = i.status === "in-progress" || i.status === "completed";
  return (
    <Paper withBorder p="md" data-testid="inspection">
      <Group justify="space-between" align="flex-start">
        <div>
          <Text fw={600}>{i.title}</Text>
          <Text size="xs" c="dimmed">
            {t("steering.inspectionLine", {
              target: i.targetName,
              inspector: i.inspectorName,
              lead: i.leadName,
              from: formatDate(i.startsOn),
              to: formatDate(i.endsOn),
            })}
          </Text>
        </div>
        <Badge variant="light">{t(`steering.inspectionStatus.${i.status}`)}</Badge>
      </Group>
      {i.conclusion && (
        <Text size="sm" mt={4}>
          <b>{t("steering.conclusion")}:</b> {i.conclusion}
        </Text>
      )}
      {manage && (
        <Group gap={4} mt="xs">
          {i.status === "planned" && (
            <StepForm
              label={t("steering.start")}
              fields={[]}
              send={() => step({ type: "start", note: "" })}
            />
          )}
          {i.status === "in-progress" && (
            <StepForm
              label={t("steering.complete")}
              fields={[{ name: "conclusion", label: t("steering.conclusion"), kind: "textarea" }]}
              send={(v) => step({ type: "complete", conclusion: v.conclusion ?? "" })}
            />
          )}
          {recording && (
            <StepForm
              label={t("steering.recordFinding")}
              fields={[
                { name: "description", label: t("steering.finding"), kind: "textarea" },
                { name: "ownerAgency", label: t("steering.owner"), kind: "select", options },
                { name: "remedyDueOn", label: t("steering.remedyDue"), kind: "date" },
                { name: "procedureCode", label: t("steering.procedureCode") },
                { name: "dossierCode", label: t("steering.dossierCode") },
              ]}
              send={(v) =>
                unwrap(
                  api.POST("/api/v1/steering/inspections/{id}/findings", {
                    params: { path: { id: i.id } },
                    body: {
                      description: v.description ?? "",
                      ownerAgency: v.ownerAgency ?? "",
                      remedyDueOn: v.remedyDueOn ?? "",
                      ...(v.procedureCode ? { procedureCode: v.procedureCode } : {}),
                      ...(v.dossierCode ? { dossierCode: v.dossierCode } : {}),
                    },
                  }),
                )
              }
            />
          )}
        </Group>
      )}
      <Stack gap="xs" mt="sm">
        {i.findings.map((f) => (
          <FindingRow key={f.id} f={f} />
        ))}
      </Stack>
    </Paper>
  );
}

function FindingRow({ f }: { f: Finding }) {
  const { t } = useTranslation();
  const { has } = useAuth();
  const step = (
    body:
      | { type: "report-remedy"; remedy: string }
      | { type: "close" | "reject"; note: string }
      | { type: "extend"; remedyDueOn: string; note: string },
  ) => unwrap(api.POST("/api/v1/steering/findings/{id}/actions", { params: { path: { id: f.id } }, body }));
  const reason = [{ name: "note", label: t("steering.reason"), kind: "textarea" as const }];
  return (
    <Paper withBorder p="sm" className={f.overdue ? "row-overdue" : undefined} data-testid="finding">
      <Group justify="space-between" align="flex-start">
        <Text size="sm">{f.description}</Text>
        <Badge variant="light" color={f.overdue ? "red" : FINDING_COLOR[f.status]}>
          {t(`steering.findingStatus.${f.status}`)}
        </Badge>
      </Group>
      <Text size="xs" c={f.overdue ? "red.8" : "dimmed"}>
        {f.ownerName} · {t("steering.remedyDue")}: {formatDate(f.remedyDueOn)}
        {f.overdue && ` · ${t("steering.daysOverdue", { n: f.daysOverdue })}`}
        {f.procedureCode && ` · ${t("steering.procedureCode")}: ${f.procedureCode}`}
        {f.dossierCode && ` · ${t("steering.dossierCode")}: ${f.dossierCode}`}
      </Text>
      {f.remedy && (
        <Text size="sm" mt={4}>
          <b>{t("steering.remedy")}:</b> {f.remedy}
        </Text>
      )}
      <Group gap={4} mt={4}>
        {f.status === "open" && has("leader", "head", "specialist") && (
          <StepForm
            label={t("steering.reportRemedy")}
            fields={[{ name: "remedy", label: t("steering.remedy"), kind: "textarea" }]}
            send={(v) => step({ type: "report-remedy", remedy: v.remedy ?? "" })}
          />
        )}
        {f.status === "remedied" && has("admin", "leader") && (
          <>
            <StepForm
              label={t("steering.closeFinding")}
              color="green"
              fields={[]}
              send={() => step({ type: "close", note: "" })}
            />
            <StepForm
              label={t("steering.reject")}
              variant="subtle"
              fields={reason}
              send={(v) => step({ type: "reject", note: v.note ?? "" })}
            />
          </>
        )}
        {f.status === "open" && has("admin", "leader") && (
          <StepForm
            label={t("steering.extend")}
            variant="subtle"
            fields={[{ name: "remedyDueOn", label: t("steering.newDue"), kind: "date" }, ...reason]}
            send={(v) => step({ type: "extend", remedyDueOn: v.remedyDueOn ?? "", note: v.note ?? "" })}
          />
        )}
      </Group>
    </Paper>
  );
}
