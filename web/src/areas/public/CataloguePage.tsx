import { Stack, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { CatalogueSearch } from "./CatalogueSearch.tsx";

export default function CataloguePage() {
  const { t } = useTranslation();
  return (
    <Stack maw={900} mx="auto">
      <Title order={1} size="h2">
        {t("catalogue.title")}
      </Title>
      <CatalogueSearch limit={50} />
    </Stack>
  );
}
