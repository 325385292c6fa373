import { Anchor, Badge, Group, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { ErrorNote } from "../../components/ErrorNote.tsx";

/** Search as you type; the server folds tone marks, so "ket hon" finds "kết hôn". */
export function CatalogueSearch({
  limit = 20,
  linkTo,
}: {
  limit?: number;
  linkTo?: (code: string) => string;
}) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const [debounced] = useDebouncedValue(q, 250);
  const result = useQuery({
    queryKey: ["procedures", debounced, limit],
    staleTime: 300_000, // the catalogue changes with a ministry decision, not by the minute
    enabled: debounced.trim().length >= 2,
    placeholderData: keepPreviousData,
    queryFn: () => unwrap(api.GET("/api/v1/procedures", { params: { query: { q: debounced, limit } } })),
  });
  return (
    <Stack gap="sm">
      <TextInput
        type="search"
        label={t("common.search")}
        placeholder={t("catalogue.placeholder")}
        value={q}
        onChange={(e) =>
          setParams(
            (p) => {
              p.set("q", e.currentTarget.value);
              return p;
            },
            { replace: true },
          )
        }
      />
      <ErrorNote error={result.error} />
      {debounced.trim().length >= 2 && result.data && (
        <Stack gap={6} aria-live="polite" data-testid="procedure-results">
          {result.data.items.map((p) => (
            <Group key={p.code} gap="xs" wrap="nowrap" align="flex-start">
              <Text size="xs" c="dimmed" className="mono" style={{ minWidth: 70 }}>
                {p.code}
              </Text>
              <Stack gap={0}>
                <Anchor component={Link} to={linkTo ? linkTo(p.code) : `/thu-tuc/${p.code}`} size="sm">
                  {p.name}
                </Anchor>
                <Group gap={4}>
                  <Text size="xs" c="dimmed">
                    {p.field}
                  </Text>
                  {p.levels.map((l) => (
                    <Badge key={l} size="xs" variant="outline" style={{ textTransform: "none" }}>
                      {l}
                    </Badge>
                  ))}
                </Group>
              </Stack>
            </Group>
          ))}
          {result.data.items.length === 0 && <Text size="sm">{t("common.none")}</Text>}
        </Stack>
      )}
    </Stack>
  );
}
