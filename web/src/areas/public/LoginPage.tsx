import { Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { useAuth } from "../../auth.tsx";
import { ErrorNote } from "../../components/ErrorNote.tsx";

/** Where each role starts its day. */
function homeOf(roles: string[]): string {
  if (roles.includes("desk")) return "/cong-viec";
  if (roles.some((r) => ["specialist", "head", "clerk"].includes(r))) return "/cong-viec";
  if (roles.some((r) => ["leader", "supervisor"].includes(r))) return "/tong-quan";
  if (roles.includes("admin")) return "/tong-quan";
  return "/";
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Paper maw={420} mx="auto" mt="xl" p="lg" withBorder>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          setBusy(true);
          setError(null);
          try {
            const me = await signIn(String(f.get("username")), String(f.get("password")));
            const back = params.get("back");
            navigate(back?.startsWith("/") ? back : homeOf(me.roles), { replace: true });
          } catch (x) {
            setError(x);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Stack>
          <Title order={1} size="h3">
            {t("login.title")}
          </Title>
          <TextInput name="username" label={t("login.username")} autoComplete="username" required autoFocus />
          <PasswordInput
            name="password"
            label={t("login.password")}
            autoComplete="current-password"
            required
          />
          <ErrorNote error={error} />
          <Button type="submit" loading={busy}>
            {t("login.submit")}
          </Button>
          <Text size="xs" c="dimmed">
            {t("login.demo")}
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}
