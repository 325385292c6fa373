import { Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Section } from "../../components/Section.tsx";
import { CatalogueSearch } from "./CatalogueSearch.tsx";
import { TrackForm } from "./TrackForm.tsx";

export default function PublicHome() {
  const { t } = useTranslation();
  return (
    <Stack maw={900} mx="auto" gap="lg">
      <Title order={1} size="h2">
        {t("home.title")}
      </Title>
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t("track.title")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("home.lead")}
          </Text>
          <TrackForm />
        </Stack>
      </Paper>
      <Section title={t("catalogue.title")} big>
        <CatalogueSearch limit={8} />
      </Section>
    </Stack>
  );
}
