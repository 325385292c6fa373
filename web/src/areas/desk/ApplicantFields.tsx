import { Grid, SegmentedControl, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client.ts";

export interface ApplicantDraft {
  kind: "individual" | "organisation";
  name: string;
  idNumber: string;
  phone: string;
  email: string;
  address: string;
}

/** Applicant details, with the CCCD decoded as it is typed (sex, birth year, place of birth registration). */
export function ApplicantFields({
  value,
  onChange,
}: {
  value: ApplicantDraft;
  onChange(v: ApplicantDraft): void;
}) {
  const { t } = useTranslation();
  const set = (k: keyof ApplicantDraft) => (e: React.ChangeEvent<HTMLInputElement>) =>
    onChange({ ...value, [k]: e.currentTarget.value });
  const [id] = useDebouncedValue(value.idNumber.trim(), 200);
  const decode = useQuery({
    queryKey: ["identity", id],
    enabled: value.kind === "individual" && /^(\d{9}|\d{12})$/.test(id),
    retry: false,
    queryFn: () => unwrap(api.GET("/api/v1/identity/{number}", { params: { path: { number: id } } })),
  });
  const sex = decode.data?.sex === "female" ? "Nữ" : decode.data?.sex === "male" ? "Nam" : "";
  return (
    <Grid gutter="sm">
      <Grid.Col span={12}>
        <Text size="sm" fw={500} id="kind-label">
          {t("reception.applicantKind")}
        </Text>
        <SegmentedControl
          aria-labelledby="kind-label"
          value={value.kind}
          onChange={(k) => onChange({ ...value, kind: k as ApplicantDraft["kind"] })}
          data={[
            { value: "individual", label: t("reception.individual") },
            { value: "organisation", label: t("reception.organisation") },
          ]}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput label={t("reception.name")} required value={value.name} onChange={set("name")} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          label={t("reception.idNumber")}
          required
          inputMode="numeric"
          value={value.idNumber}
          onChange={set("idNumber")}
          error={decode.error ? (decode.error as Error).message : undefined}
          description={
            decode.data ? (
              <span data-testid="cccd-decoded">
                {decode.data.kind === "cccd"
                  ? t("reception.decoded", {
                      sex,
                      year: decode.data.birthYear ?? "?",
                      place: decode.data.birthRegistration?.name ?? "?",
                    })
                  : decode.data.summary}
              </span>
            ) : undefined
          }
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 4 }}>
        <TextInput label={t("reception.phone")} inputMode="tel" value={value.phone} onChange={set("phone")} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 4 }}>
        <TextInput label={t("reception.email")} type="email" value={value.email} onChange={set("email")} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 4 }}>
        <TextInput label={t("reception.address")} value={value.address} onChange={set("address")} />
      </Grid.Col>
    </Grid>
  );
}
