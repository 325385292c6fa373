import { Paper, Title } from "@mantine/core";
import type { ReactNode } from "react";

/** A bordered block of a page with its heading (h2), the unit every page is built from. */
export function Section({ title, children, big }: { title: ReactNode; children: ReactNode; big?: boolean }) {
  return (
    <Paper withBorder p="md">
      <Title order={2} size={big ? "h4" : "h5"} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}
