import { Badge, Group, SegmentedControl, Select, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { FileDrop } from "../../components/FileDrop.tsx";

export type ComponentForm = "paper" | "scan" | "reuse" | "missing";
export interface ComponentDraft {
  name: string;
  originals: number;
  copies: number;
  form: ComponentForm;
  files: File[];
  documentId?: string;
}

interface Props {
  rows: ComponentDraft[];
  onChange(rows: ComponentDraft[]): void;
  /** Documents the applicant already has on file (kho dữ liệu), offered for reuse. */
  documents: { id: string; title: string }[];
}

/** The procedure's components, each marked paper, scanned (with its scans), reused or missing. */
export function ComponentChecklist({ rows, onChange, documents }: Props) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<ComponentDraft>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table data-testid="checklist">
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={r.name}>
              <Table.Td>
                <Text size="sm">{r.name}</Text>
                <Text size="xs" c="dimmed">
                  {t("ui.copiesLine", { o: r.originals, c: r.copies })}
                </Text>
              </Table.Td>
              <Table.Td w={330}>
                <Stack gap={6}>
                  <SegmentedControl
                    size="xs"
                    aria-label={r.name}
                    value={r.form}
                    onChange={(v) => update(i, { form: v as ComponentForm })}
                    data={(["paper", "scan", "reuse", "missing"] as const).map((f) => ({
                      value: f,
                      label: t(`reception.form.${f}`),
                      disabled: f === "reuse" && documents.length === 0,
                    }))}
                  />
                  {r.form === "scan" && (
                    <>
                      <FileDrop
                        label={t("reception.files")}
                        onFiles={(files) => update(i, { files: [...r.files, ...files] })}
                      />
                      <Group gap={4}>
                        {r.files.map((f) => (
                          <Badge
                            key={`${f.name}-${f.size}`}
                            variant="light"
                            style={{ textTransform: "none" }}
                          >
                            {f.name}
                          </Badge>
                        ))}
                      </Group>
                    </>
                  )}
                  {r.form === "reuse" && (
                    <Select
                      size="xs"
                      aria-label={`${r.name}: ${t("reception.form.reuse")}`}
                      data={documents.map((d) => ({ value: d.id, label: d.title }))}
                      value={r.documentId ?? null}
                      onChange={(v) => update(i, { documentId: v ?? undefined })}
                    />
                  )}
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
