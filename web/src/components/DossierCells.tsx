import { Anchor, Table, Text } from "@mantine/core";
import { Link } from "react-router";

/** The first two cells of every dossier list: the code (opens the dossier) and the procedure. */
export function DossierCells({
  code,
  procedureName,
  lines = 1,
}: {
  code: string;
  procedureName: string;
  lines?: number;
}) {
  return (
    <>
      <Table.Td>
        <Anchor component={Link} to={`/ho-so/${encodeURIComponent(code)}`} className="mono" size="sm">
          {code}
        </Anchor>
      </Table.Td>
      <Table.Td maw={lines > 1 ? 360 : undefined}>
        <Text size="sm" lineClamp={lines}>
          {procedureName}
        </Text>
      </Table.Td>
    </>
  );
}
