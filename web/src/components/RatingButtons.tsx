import { Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorNote } from "./ErrorNote.tsx";

type Rating = "satisfied" | "neutral" | "dissatisfied";

/** Three choices and a comment; `send` posts them (the tracking page with the PIN, or the kiosk). */
export function RatingButtons({
  send,
  big,
}: {
  send: (r: { rating: Rating; comment: string }) => Promise<unknown>;
  big?: boolean;
}) {
  const { t } = useTranslation();
  const [comment, setComment] = useState("");
  const rate = useMutation({ mutationFn: (rating: Rating) => send({ rating, comment }) });
  if (rate.isSuccess)
    return (
      <Text c="green.9" role="status">
        {t("rating.thanks")}
      </Text>
    );
  const size = big ? "xl" : "sm";
  return (
    <Stack gap="xs" data-testid="rating">
      <Group gap="xs" grow={big}>
        <Button
          size={size}
          variant="light"
          color="green"
          onClick={() => rate.mutate("satisfied")}
          loading={rate.isPending}
        >
          {t("rating.satisfied")}
        </Button>
        <Button
          size={size}
          variant="light"
          color="gray"
          onClick={() => rate.mutate("neutral")}
          loading={rate.isPending}
        >
          {t("rating.neutral")}
        </Button>
        <Button
          size={size}
          variant="light"
          color="red"
          onClick={() => rate.mutate("dissatisfied")}
          loading={rate.isPending}
        >
          {t("rating.dissatisfied")}
        </Button>
      </Group>
      <Textarea
        label={t("rating.comment")}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        maxLength={2000}
      />
      <ErrorNote error={rate.error} />
    </Stack>
  );
}
