import { Button, Code, Image, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import QRCode from "qrcode";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { ApiError } from "../../api/client.ts";
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
  // The second step: a code is asked for (roles with TOTP), with a QR code at first sign-in.
  const [step, setStep] = useState<null | { enrol?: { secret: string; address: string } }>(null);
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    if (step?.enrol) void QRCode.toDataURL(step.enrol.address, { margin: 1, width: 200 }).then(setQr);
  }, [step]);
  return (
    <Paper maw={420} mx="auto" mt="xl" p="lg" withBorder>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          setBusy(true);
          setError(null);
          try {
            const code = f.get("totp");
            const me = await signIn(
              String(f.get("username")),
              String(f.get("password")),
              code ? String(code) : undefined,
            );
            const back = params.get("back");
            navigate(back?.startsWith("/") ? back : homeOf(me.roles), { replace: true });
          } catch (x) {
            if (x instanceof ApiError && (x.code === "AUTH_TOTP_ENROL" || x.code === "AUTH_TOTP_REQUIRED")) {
              setStep(
                x.code === "AUTH_TOTP_ENROL"
                  ? { enrol: x.details as { secret: string; address: string } }
                  : {},
              );
            }
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
          {step?.enrol && (
            <Stack gap="xs" align="center">
              {qr && <Image src={qr} alt={t("login.enrolQr")} w={200} h={200} />}
              <Text size="sm">{t("login.enrolSecret")}</Text>
              <Code>{step.enrol.secret}</Code>
            </Stack>
          )}
          {step && (
            <TextInput
              name="totp"
              label={t("login.totp")}
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              autoFocus
            />
          )}
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
