import { Button, Group, Select, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useAgencies } from "../../api/useAgencies.ts";
import { type Period, presets } from "./period.ts";

/** Unit and period, kept in the page's URL so a view can be shared. */
export function KpiFilters({
  period,
  unit,
  onChange,
  withUnit = true,
}: {
  period: Period;
  unit: string;
  onChange: (next: { period?: Period; unit?: string }) => void;
  withUnit?: boolean;
}) {
  const { t } = useTranslation();
  const agencies = useAgencies(withUnit);

  const p = presets();
  return (
    <Group align="end" wrap="wrap" gap="sm">
      {withUnit && (
        <Select
          label={t("kpi.unit")}
          searchable
          w={320}
          value={unit || ""}
          data={[
            { value: "", label: t("kpi.province") },
            ...(agencies.data ?? []).map((a) => ({ value: a.code, label: a.name })),
          ]}
          onChange={(v) => onChange({ unit: v ?? "" })}
        />
      )}
      <TextInput
        type="date"
        label={t("kpi.from")}
        value={period.from}
        onChange={(e) =>
          e.currentTarget.value && onChange({ period: { ...period, from: e.currentTarget.value } })
        }
      />
      <TextInput
        type="date"
        label={t("kpi.to")}
        value={period.to}
        onChange={(e) =>
          e.currentTarget.value && onChange({ period: { ...period, to: e.currentTarget.value } })
        }
      />
      <Group gap={4}>
        {(Object.keys(p) as (keyof typeof p)[]).map((k) => (
          <Button key={k} variant="light" size="compact-sm" onClick={() => onChange({ period: p[k] })}>
            {t(`kpi.presets.${k}`)}
          </Button>
        ))}
      </Group>
    </Group>
  );
}
