import { Badge, Button, Checkbox, Group, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client.ts";
import { ErrorNote } from "../../components/ErrorNote.tsx";
import { Loading } from "../../components/Loading.tsx";
import { formatDateTime } from "../../format.ts";

/** PAKN routed to the official's agency, earliest deadline first, answered in place. */
export default function FeedbackInboxPage() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ["feedback", "inbox"], queryFn: loadInbox });
  if (list.isPending) return <Loading />;
  if (list.error) return <ErrorNote error={list.error} />;
  return (
    <Stack>
      <Title order={1} size="h3">
        {t("feedback.inbox")}
      </Title>
      {list.data.items.map((f) => (
        <Item key={f.code} f={f} />
      ))}
    </Stack>
  );
}

type Row = Awaited<ReturnType<typeof loadInbox>>["items"][number];
const loadInbox = () => unwrap(api.GET("/api/v1/feedback", { params: { query: {} } }));

function Item({ f }: { f: Row }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [answer, setAnswer] = useState("");
  const [publish, setPublish] = useState(false);
  const act = useMutation({
    mutationFn: (
      body: { type: "answer"; answer: string; publish: boolean } | { type: "close"; note: string },
    ) => unwrap(api.POST("/api/v1/feedback/{code}/actions", { params: { path: { code: f.code } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["feedback", "inbox"] }),
  });
  const open = ["received", "assigned", "reopened"].includes(f.status);
  return (
    <Paper withBorder p="md" data-testid="feedback-item" className={f.overdue ? "row-overdue" : undefined}>
      <Group justify="space-between">
        <Text fw={600}>
          <span className="mono">{f.code}</span> {f.title}
        </Text>
        <Badge variant="light" color={f.overdue ? "red" : "blue"}>
          {f.statusLabel}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        {t("feedback.due")}: {formatDateTime(f.dueAt)} · {t("feedback.from")}:{" "}
        {f.submitterName || t("feedback.anonymousSender")}
        {f.submitterContact && ` (${f.submitterContact})`}
      </Text>
      <Text size="sm" mt={4} style={{ whiteSpace: "pre-wrap" }}>
        {f.content}
      </Text>
      {f.answer && (
        <Text size="sm" mt={4}>
          <b>{t("feedback.answer")}:</b> {f.answer}
        </Text>
      )}
      {open && (
        <Stack gap="xs" mt="sm">
          <Textarea
            label={t("feedback.answerField")}
            value={answer}
            onChange={(e) => setAnswer(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Checkbox
            label={t("feedback.publish")}
            checked={publish}
            onChange={(e) => setPublish(e.currentTarget.checked)}
          />
          <Button
            w="fit-content"
            size="compact-sm"
            loading={act.isPending}
            onClick={() => act.mutate({ type: "answer", answer, publish })}
          >
            {t("feedback.doAnswer")}
          </Button>
        </Stack>
      )}
      {f.status === "answered" && (
        <Button
          mt="xs"
          size="compact-sm"
          variant="light"
          onClick={() => act.mutate({ type: "close", note: "" })}
        >
          {t("feedback.close")}
        </Button>
      )}
      <ErrorNote error={act.error} />
    </Paper>
  );
}
