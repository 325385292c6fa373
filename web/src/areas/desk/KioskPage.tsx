import { Stack, Text, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client.ts";
import { RatingButtons } from "../../components/RatingButtons.tsx";

/** Đánh giá tại quầy: a tablet at the desk; the officer enters the code, the applicant taps. */
export default function KioskPage() {
  const { t } = useTranslation();
  const [code, setCode] = useState("");
  return (
    <Stack maw={640} mx="auto">
      <Title order={1} size="h3">
        {t("rating.kiosk")}
      </Title>
      <Text size="sm" c="dimmed">
        {t("rating.kioskLead")}
      </Text>
      <TextInput
        label={t("feedback.dossierCode")}
        value={code}
        onChange={(e) => setCode(e.currentTarget.value.trim())}
      />
      {code && (
        <RatingButtons
          key={code}
          big
          send={(r) =>
            unwrap(api.POST("/api/v1/dossiers/{code}/rating", { params: { path: { code } }, body: r }))
          }
        />
      )}
    </Stack>
  );
}
