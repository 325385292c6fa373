import { Alert, Badge, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client.ts";
import { Section } from "../../components/Section.tsx";
import { formatDateTime } from "../../format.ts";

const VERDICT_COLOR = { early: "green", "on-time": "blue", late: "red" } as const;

/** Who held the dossier, for how long, and whether responsibility was passed back and forth. */
export function TrailPanel({ code }: { code: string }) {
  const { t } = useTranslation();
  const trail = useQuery({
    queryKey: ["dossier", code, "trail"],
    queryFn: () => unwrap(api.GET("/api/v1/dossiers/{code}/trail", { params: { path: { code } } })),
  });
  const d = trail.data;
  if (!d) return null;
  return (
    <Section title={t("dossier.trail")}>
      {d.pingPong && (
        <Alert color="red" mb="xs">
          {t("dossier.pingPong", {
            times: d.pingPong.times,
            a: d.pingPong.between[0],
            b: d.pingPong.between[1],
          })}
        </Alert>
      )}
      {d.stalled && (
        <Alert color="orange" mb="xs">
          {t("dossier.stalled")}
        </Alert>
      )}
      <Stack gap={6}>
        {d.holdings.map((h) => (
          <Stack key={`${h.from}-${h.holder}`} gap={0}>
            <Text size="sm" fw={500}>
              {h.stepName}{" "}
              {h.verdict && (
                <Badge size="xs" color={VERDICT_COLOR[h.verdict]} style={{ textTransform: "none" }}>
                  {t(`dossier.verdict.${h.verdict}`)}
                </Badge>
              )}
            </Text>
            <Text size="xs" c="dimmed">
              {h.holder} · {formatDateTime(h.from)} → {h.to ? formatDateTime(h.to) : "…"} ·{" "}
              {t("dossier.workingHours", { h: h.workingHours })}
            </Text>
          </Stack>
        ))}
      </Stack>
    </Section>
  );
}
