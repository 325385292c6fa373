import { Button, Group, NumberInput, Paper, Select, Stack, Textarea, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorNote } from "../../components/ErrorNote.tsx";

export interface Field {
  name: string;
  label: string;
  kind?: "text" | "date" | "textarea" | "number" | "select";
  options?: { value: string; label: string }[];
  initial?: string;
}

/**
 * One step on a register item (or a new item): a button that opens the fields the step needs,
 * sends them, and refreshes the registers. Errors stay next to the form, in the user's language.
 */
export function StepForm({
  label,
  fields,
  send,
  variant = "light",
  color,
}: {
  label: string;
  fields: Field[];
  send: (values: Record<string, string>) => Promise<unknown>;
  variant?: "light" | "filled" | "subtle";
  color?: string;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const initial = () => Object.fromEntries(fields.map((f) => [f.name, f.initial ?? ""]));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const step = useMutation({
    mutationFn: () => send(values),
    onSuccess: async () => {
      setOpen(false);
      setValues(initial());
      await qc.invalidateQueries({ queryKey: ["steering"] });
    },
  });
  const set = (name: string) => (v: string) => setValues((x) => ({ ...x, [name]: v }));
  if (!fields.length) {
    return (
      <Stack gap={4}>
        <Button
          size="compact-sm"
          variant={variant}
          color={color}
          loading={step.isPending}
          onClick={() => step.mutate()}
        >
          {label}
        </Button>
        <ErrorNote error={step.error} />
      </Stack>
    );
  }
  if (!open) {
    return (
      <Button size="compact-sm" variant={variant} color={color} onClick={() => setOpen(true)}>
        {label}
      </Button>
    );
  }
  return (
    <Paper withBorder p="sm" w="100%">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          step.mutate();
        }}
      >
        <Stack gap="xs">
          {fields.map((f) => {
            const common = { label: f.label, value: values[f.name] ?? "" };
            if (f.kind === "textarea")
              return (
                <Textarea
                  key={f.name}
                  {...common}
                  autosize
                  minRows={2}
                  onChange={(e) => set(f.name)(e.currentTarget.value)}
                />
              );
            if (f.kind === "number")
              return (
                <NumberInput
                  key={f.name}
                  {...common}
                  min={0}
                  max={100}
                  onChange={(v) => set(f.name)(String(v))}
                />
              );
            if (f.kind === "select")
              return (
                <Select
                  key={f.name}
                  {...common}
                  data={f.options ?? []}
                  searchable
                  onChange={(v) => set(f.name)(v ?? "")}
                />
              );
            return (
              <TextInput
                key={f.name}
                {...common}
                type={f.kind === "date" ? "date" : "text"}
                onChange={(e) => set(f.name)(e.currentTarget.value)}
              />
            );
          })}
          <Group gap="xs">
            <Button type="submit" size="compact-sm" loading={step.isPending}>
              {label}
            </Button>
            <Button size="compact-sm" variant="subtle" onClick={() => setOpen(false)}>
              {t("steering.cancelForm")}
            </Button>
          </Group>
          <ErrorNote error={step.error} />
        </Stack>
      </form>
    </Paper>
  );
}
