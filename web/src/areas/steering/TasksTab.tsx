import { Badge, Group, Progress, Select, Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client.ts";
import { useAgencies } from "../../api/useAgencies.ts";
import { useAuth } from "../../auth.tsx";
import { formatDate } from "../../format.ts";
import { Listed, RegisterTable } from "./Listed.tsx";
import { StepForm } from "./StepForm.tsx";

const AREAS = [
  "institutional",
  "procedural",
  "organisational",
  "civil-service",
  "public-finance",
  "digital-government",
] as const;
type Area = (typeof AREAS)[number];

/** Nhiệm vụ CCHC in the six areas: owner, deadline, progress reported by the owner. */
export function TasksTab() {
  const { t } = useTranslation();
  const { has } = useAuth();
  const [area, setArea] = useState<Area | null>(null);
  const list = useQuery({
    queryKey: ["steering", "tasks", area],
    queryFn: () => unwrap(api.GET("/api/v1/steering/tasks", { params: { query: area ? { area } : {} } })),
  });
  const manage = has("admin", "leader");
  const agencies = useAgencies(manage);
  const areaOptions = AREAS.map((a) => ({ value: a, label: t(`steering.areas.${a}`) }));
  return (
    <Stack>
      <Group justify="space-between">
        <Select
          label={t("steering.area")}
          data={areaOptions}
          value={area}
          onChange={(v) => setArea(v as Area | null)}
          clearable
          w={360}
        />
        {manage && (
          <StepForm
            label={t("steering.assign")}
            variant="filled"
            fields={[
              { name: "area", label: t("steering.area"), kind: "select", options: areaOptions },
              { name: "title", label: t("steering.taskTitle") },
              {
                name: "agencyCode",
                label: t("steering.owner"),
                kind: "select",
                options: (agencies.data ?? []).map((a) => ({ value: a.code, label: a.name })),
              },
              { name: "dueOn", label: t("steering.dueOn"), kind: "date" },
            ]}
            send={(v) =>
              unwrap(
                api.POST("/api/v1/steering/tasks", {
                  body: {
                    area: (v.area || "procedural") as Area,
                    title: v.title ?? "",
                    agencyCode: v.agencyCode ?? "",
                    dueOn: v.dueOn ?? "",
                    note: "",
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
              t("steering.taskTitle"),
              t("steering.owner"),
              t("steering.dueOn"),
              t("steering.progress"),
              t("steering.steps"),
            ]}
          >
            {items.map((x) => (
              <Table.Tr key={x.id} className={x.overdue ? "row-overdue" : undefined}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {x.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t(`steering.areas.${x.area}`)}
                  </Text>
                </Table.Td>
                <Table.Td>{x.agencyName}</Table.Td>
                <Table.Td>
                  {formatDate(x.dueOn)}
                  {x.overdue && (
                    <Text size="xs" c="red.8" fw={600}>
                      {t("steering.daysOverdue", { n: x.daysOverdue })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td miw={140}>
                  {x.status === "open" ? (
                    <Progress value={x.progress} aria-label={`${x.progress}%`} />
                  ) : (
                    <Badge variant="light" color={x.status === "done" ? "green" : "dark"}>
                      {t(`steering.taskStatus.${x.status}`)}
                    </Badge>
                  )}
                  <Text size="xs">{x.progress}%</Text>
                </Table.Td>
                <Table.Td>
                  {x.status === "open" && has("leader", "head", "specialist") && (
                    <StepForm
                      label={t("steering.report")}
                      fields={[
                        {
                          name: "progress",
                          label: t("steering.progress"),
                          kind: "number",
                          initial: String(x.progress),
                        },
                        { name: "note", label: t("steering.note"), kind: "textarea" },
                      ]}
                      send={(v) =>
                        unwrap(
                          api.POST("/api/v1/steering/tasks/{id}/actions", {
                            params: { path: { id: x.id } },
                            body: { type: "progress", progress: Number(v.progress), note: v.note ?? "" },
                          }),
                        )
                      }
                    />
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </RegisterTable>
        )}
      </Listed>
    </Stack>
  );
}
