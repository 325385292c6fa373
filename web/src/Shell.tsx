import { Anchor, AppShell, Burger, Button, Group, NavLink, Text, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { useAuth } from "./auth.tsx";
import { Loading } from "./components/Loading.tsx";

interface Item {
  to: string;
  label: string;
  roles?: string[];
}

export function Shell() {
  const { t, i18n } = useTranslation();
  const { me, has, signOut } = useAuth();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const items: Item[] = [
    { to: "/tiep-nhan", label: t("nav.receive"), roles: ["desk"] },
    { to: "/cong-viec?status=submitted", label: t("nav.online"), roles: ["desk"] },
    { to: "/cong-viec", label: t("nav.inbox"), roles: ["desk", "specialist", "head", "leader", "clerk"] },
    { to: "/tong-quan", label: t("nav.overview"), roles: ["leader", "head", "admin", "supervisor"] },
    { to: "/chi-so", label: t("nav.kpi"), roles: ["leader", "head", "admin", "supervisor"] },
    {
      to: "/phan-anh-kien-nghi",
      label: t("nav.feedbackInbox"),
      roles: ["specialist", "head", "leader", "admin", "supervisor"],
    },
    {
      to: "/dieu-hanh",
      label: t("nav.steering"),
      roles: ["specialist", "head", "leader", "admin", "supervisor"],
    },
    { to: "/danh-gia", label: t("nav.kiosk"), roles: ["desk"] },
    { to: "/quan-tri/quy-trinh", label: t("nav.process"), roles: ["admin"] },
    { to: "/quan-tri/lich", label: t("nav.calendar"), roles: ["admin"] },
    { to: "/quan-tri/can-bo", label: t("nav.officials"), roles: ["admin"] },
    { to: "/quan-tri/dong-bo", label: t("nav.sync"), roles: ["admin", "supervisor"] },
    { to: "/thu-tuc", label: t("nav.catalogue") },
    { to: "/tra-cuu", label: t("nav.track") },
    { to: "/chi-so-cong-khai", label: t("nav.publicKpi") },
    { to: "/phan-anh", label: t("nav.feedback") },
  ];
  const visible = items.filter((i) => !i.roles || has(...i.roles));
  const here = location.pathname + location.search;
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={me ? { width: 250, breakpoint: "sm", collapsed: { mobile: !opened } } : undefined}
      padding="md"
    >
      <a href="#main" className="skip-link">
        {t("app.skip")}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            {me && <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Menu" />}
            <Anchor component={Link} to={me ? "/cong-viec" : "/"} underline="never" c="dark">
              <Text fw={700} size="lg" style={{ whiteSpace: "nowrap" }}>
                {t("app.name")}
              </Text>
            </Anchor>
            <Text size="sm" c="dimmed" visibleFrom="md">
              {t("app.province")}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {me && (
              <form
                aria-label={t("nav.openByCode")}
                onSubmit={(e) => {
                  e.preventDefault();
                  const code = String(new FormData(e.currentTarget).get("code") ?? "").trim();
                  if (!code) return;
                  // Opening by code always shows the dossier as it is now, even if it is on screen.
                  void qc.invalidateQueries({ queryKey: ["dossier", code] });
                  navigate(`/ho-so/${encodeURIComponent(code)}`);
                }}
              >
                <TextInput
                  name="code"
                  size="xs"
                  aria-label={t("nav.openByCode")}
                  placeholder={t("nav.openByCode")}
                  w={230}
                  visibleFrom="sm"
                />
              </form>
            )}
            {!me && (
              <Group gap="xs" visibleFrom="xs">
                <Anchor component={Link} to="/thu-tuc" size="sm">
                  {t("nav.catalogue")}
                </Anchor>
                <Anchor component={Link} to="/tra-cuu" size="sm">
                  {t("nav.track")}
                </Anchor>
                <Anchor component={Link} to="/chi-so-cong-khai" size="sm" visibleFrom="md">
                  {t("nav.publicKpi")}
                </Anchor>
                <Anchor component={Link} to="/phan-anh" size="sm" visibleFrom="md">
                  {t("nav.feedback")}
                </Anchor>
              </Group>
            )}
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => void i18n.changeLanguage(i18n.language === "en" ? "vi" : "en")}
              lang={i18n.language === "en" ? "vi" : "en"}
            >
              {t("nav.language")}
            </Button>
            {me ? (
              <Button
                variant="light"
                size="compact-sm"
                onClick={() => {
                  signOut();
                  navigate("/");
                }}
              >
                {t("nav.logout")}
              </Button>
            ) : (
              <Button component={Link} to="/dang-nhap" size="compact-sm">
                {t("nav.login")}
              </Button>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      {me && (
        <AppShell.Navbar p="xs" aria-label={t("ui.navigation")}>
          <Text size="sm" fw={600} px="sm" pt={4}>
            {me.fullName}
          </Text>
          <Text size="xs" c="dimmed" px="sm" pb="xs">
            {me.roles.map((r) => t(`roles.${r}`)).join(", ")} · {me.agencyCode}
          </Text>
          {visible.map((i) => (
            <NavLink
              key={i.to}
              component={Link}
              to={i.to}
              label={i.label}
              active={here === i.to || (i.to === "/cong-viec" && here === "/cong-viec")}
              onClick={close}
            />
          ))}
        </AppShell.Navbar>
      )}
      <AppShell.Main id="main">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
