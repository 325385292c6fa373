import { Alert, Badge, Button, Group, List, Paper, Stack, Text, Timeline, Title } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { api, unwrap } from "../../api/client.ts";
import { ErrorNote } from "../../components/ErrorNote.tsx";
import { Loading } from "../../components/Loading.tsx";
import { RatingButtons } from "../../components/RatingButtons.tsx";
import { StatusBadge } from "../../components/StatusBadge.tsx";
import { formatDate, formatDateTime, formatVnd } from "../../format.ts";
import { TrackForm } from "./TrackForm.tsx";

/** What the agency asks of the applicant, in plain words: documents to add, or a fee to pay. */
function AskedOfYou({
  asked,
  payable,
  code,
  pin,
}: {
  asked: Record<string, unknown>;
  payable: boolean;
  code: string;
  pin: string;
}) {
  const { t } = useTranslation();
  const pay = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/public/dossiers/{code}/payments", { params: { path: { code }, query: { pin } } }),
      ),
    // PayGov's own page takes the payment and sends the citizen back here.
    onSuccess: (r) => window.location.assign(r.payUrl),
  });
  const items = Array.isArray(asked.missingItems) ? (asked.missingItems as string[]) : [];
  return (
    <Alert color="yellow" title={t("track.asked")} data-testid="asked">
      {typeof asked.reason === "string" && <Text size="sm">{asked.reason}</Text>}
      {typeof asked.note === "string" && asked.note && <Text size="sm">{asked.note}</Text>}
      {items.length > 0 && (
        <List size="sm" mt={4}>
          {items.map((i) => (
            <List.Item key={i}>{i}</List.Item>
          ))}
        </List>
      )}
      {typeof asked.amountVnd === "number" && <Text size="sm">{formatVnd(asked.amountVnd)}</Text>}
      {payable && (
        <Button mt="xs" onClick={() => pay.mutate()} loading={pay.isPending}>
          {t("track.pay")}
        </Button>
      )}
      <ErrorNote error={pay.error} />
    </Alert>
  );
}

export default function TrackPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const code = (params.get("ma") ?? "").trim();
  const pin = (params.get("pin") ?? "").trim();
  // Opened from the "rate the service" notification.
  const fromLink = params.has("danh-gia");
  const result = useQuery({
    queryKey: ["track", code, pin],
    enabled: code !== "" && pin !== "",
    retry: false,
    queryFn: () =>
      unwrap(api.GET("/api/v1/public/dossiers/{code}", { params: { path: { code }, query: { pin } } })),
  });
  const d = result.data;
  return (
    <Stack maw={720} mx="auto" gap="md">
      <Title order={1} size="h3">
        {t("track.title")}
      </Title>
      <TrackForm key={`${code}-${pin}`} code={code} pin={pin} />
      {result.isFetching && <Loading />}
      <ErrorNote error={result.error} />
      {d && (
        <Paper withBorder p="md" data-testid="tracking">
          <Stack gap="sm">
            <Group justify="space-between" wrap="wrap">
              <Text fw={700} className="mono">
                {d.code}
              </Text>
              <StatusBadge status={d.status} label={d.statusLabel} />
            </Group>
            <Text>{d.procedureName}</Text>
            <Group gap="lg" wrap="wrap">
              <Text size="sm">
                {t("common.received")}: <b>{formatDateTime(d.receivedAt)}</b>
              </Text>
              <Text size="sm">
                {t("track.due")}: <b>{formatDate(d.dueAt)}</b>
              </Text>
            </Group>
            {d.askedOfYou && (
              <AskedOfYou
                asked={d.askedOfYou}
                payable={d.status === "payment-requested"}
                code={code}
                pin={pin}
              />
            )}
            {d.status === "returned" && (
              <Paper withBorder p="sm">
                <Title order={2} size="h5" mb="xs">
                  {t("rating.title")}
                </Title>
                <RatingButtons
                  send={(r) =>
                    unwrap(
                      api.POST("/api/v1/public/dossiers/{code}/rating", {
                        params: { path: { code }, query: { pin, via: fromLink ? "link" : "tracking" } },
                        body: r,
                      }),
                    )
                  }
                />
              </Paper>
            )}
            <Title order={2} size="h5">
              {t("track.steps")}
            </Title>
            <Stack gap={4}>
              {d.steps.map((s) => (
                <Group key={s.name} gap="xs" wrap="nowrap">
                  <Badge
                    size="sm"
                    color={s.done ? "green" : s.current ? "blue" : "gray"}
                    variant={s.current ? "filled" : "light"}
                    style={{ textTransform: "none", minWidth: 96 }}
                  >
                    {s.done ? t("track.done") : s.current ? t("track.current") : "…"}
                  </Badge>
                  <Text size="sm">{s.name}</Text>
                </Group>
              ))}
            </Stack>
            <Title order={2} size="h5">
              {t("track.timeline")}
            </Title>
            <Timeline bulletSize={12} lineWidth={2}>
              {d.timeline.map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the journal's order is its identity.
                <Timeline.Item key={i} title={e.label}>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(e.at)}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
