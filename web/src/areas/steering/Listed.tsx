import { Table, Text } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorNote } from "../../components/ErrorNote.tsx";
import { Loading } from "../../components/Loading.tsx";

/** A register's items once loaded: a spinner, the error, "nothing yet", or the items. */
export function Listed<T>({
  query,
  children,
}: {
  query: UseQueryResult<{ items: T[] }>;
  children: (items: T[]) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorNote error={query.error} />;
  if (!query.data?.items.length) return <Text c="dimmed">{t("steering.none")}</Text>;
  return <>{children(query.data.items)}</>;
}

/** A register as a table that scrolls sideways on a phone instead of the page. */
export function RegisterTable({ heads, children }: { heads: string[]; children: ReactNode }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            {heads.map((h) => (
              <Table.Th key={h}>{h}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
