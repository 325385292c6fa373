import {
  Badge,
  Button,
  Group,
  MultiSelect,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client.ts";
import { ErrorNote } from "../../components/ErrorNote.tsx";
import { Section } from "../../components/Section.tsx";

const ROLES = ["desk", "specialist", "head", "leader", "clerk", "admin", "supervisor"] as const;
type Role = (typeof ROLES)[number];

/** Officials, their agency and roles. Moving someone or changing roles ends their sessions. */
export default function OfficialsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [q, setQ] = useState("");
  const [debounced] = useDebouncedValue(q, 250);
  const [page, setPage] = useState(0);
  const [roles, setRoles] = useState<string[]>(["specialist"]);
  const list = useQuery({
    queryKey: ["officials", debounced, page],
    placeholderData: keepPreviousData,
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/officials", {
          params: { query: { limit: 50, offset: page * 50, ...(debounced ? { q: debounced } : {}) } },
        }),
      ),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ["officials"] });
  const create = useMutation({
    mutationFn: (b: {
      username: string;
      fullName: string;
      agencyCode: string;
      password: string;
      roles: Role[];
    }) => unwrap(api.POST("/api/v1/officials", { body: { ...b, title: "" } })),
    onSuccess: refresh,
  });
  const patch = useMutation({
    mutationFn: (b: { id: number; agencyCode?: string; roles?: Role[]; active?: boolean }) => {
      const { id, ...body } = b;
      return unwrap(api.PATCH("/api/v1/officials/{id}", { params: { path: { id } }, body }));
    },
    onSuccess: refresh,
  });
  const roleData = ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  return (
    <Stack maw={1200}>
      <Title order={1} size="h3">
        {t("admin.officials")}
      </Title>
      <Section title={t("admin.newOfficial")}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            create.mutate({
              username: String(f.get("username")),
              fullName: String(f.get("fullName")),
              agencyCode: String(f.get("agencyCode")),
              password: String(f.get("password")),
              roles: roles as Role[],
            });
          }}
        >
          <Group align="flex-end" wrap="wrap">
            <TextInput name="username" label={t("login.username")} required w={160} />
            <TextInput name="fullName" label={t("admin.fullName")} required w={220} />
            <TextInput
              name="agencyCode"
              label={t("admin.agency")}
              required
              w={200}
              placeholder="DEMO.37.TTPVHCC"
            />
            <MultiSelect label={t("admin.roles")} data={roleData} value={roles} onChange={setRoles} w={260} />
            <PasswordInput name="password" label={t("login.password")} required minLength={10} w={180} />
            <Button type="submit" loading={create.isPending}>
              {t("common.save")}
            </Button>
          </Group>
        </form>
        <ErrorNote error={create.error ?? patch.error} />
      </Section>
      <TextInput
        label={t("common.search")}
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          setPage(0);
        }}
        w={300}
      />
      <ErrorNote error={list.error} />
      <Table.ScrollContainer minWidth={1000}>
        <Table data-testid="officials">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("login.username")}</Table.Th>
              <Table.Th>{t("admin.fullName")}</Table.Th>
              <Table.Th>{t("admin.agency")}</Table.Th>
              <Table.Th>{t("admin.roles")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td className="mono">{o.username}</Table.Td>
                <Table.Td>{o.fullName}</Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    aria-label={`${t("admin.agency")} ${o.username}`}
                    defaultValue={o.agencyCode}
                    onBlur={(e) =>
                      e.currentTarget.value !== o.agencyCode &&
                      patch.mutate({ id: o.id, agencyCode: e.currentTarget.value })
                    }
                  />
                  <Text size="xs" c="dimmed">
                    {o.agencyName}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <MultiSelect
                    size="xs"
                    aria-label={`${t("admin.roles")} ${o.username}`}
                    data={roleData}
                    defaultValue={o.roles}
                    onChange={(v) => v.length > 0 && patch.mutate({ id: o.id, roles: v as Role[] })}
                  />
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Badge variant="light" color={o.active ? "green" : "gray"}>
                      {o.active ? t("admin.active") : t("admin.inactive")}
                    </Badge>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => patch.mutate({ id: o.id, active: !o.active })}
                    >
                      {o.active ? t("admin.deactivate") : t("admin.activate")}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group>
        <Button variant="default" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
          ‹
        </Button>
        <Text size="sm">
          {t("common.page")} {page + 1} / {Math.max(1, Math.ceil((list.data?.total ?? 0) / 50))}
        </Text>
        <Button
          variant="default"
          disabled={(page + 1) * 50 >= (list.data?.total ?? 0)}
          onClick={() => setPage((p) => p + 1)}
        >
          ›
        </Button>
      </Group>
    </Stack>
  );
}
