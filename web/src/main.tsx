import "@mantine/core/styles.css";
import "./app.css";
import "./i18n.ts";
import { type CSSVariablesResolver, createTheme, MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { lazy, StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import { AuthProvider, useAuth } from "./auth.tsx";
import { Loading } from "./components/Loading.tsx";
import { Shell } from "./Shell.tsx";

// One chunk per area, so a citizen on a phone downloads only the public pages.
const PublicHome = lazy(() => import("./areas/public/PublicHome.tsx"));
const TrackPage = lazy(() => import("./areas/public/TrackPage.tsx"));
const CataloguePage = lazy(() => import("./areas/public/CataloguePage.tsx"));
const ProcedurePage = lazy(() => import("./areas/public/ProcedurePage.tsx"));
const LoginPage = lazy(() => import("./areas/public/LoginPage.tsx"));
const InboxPage = lazy(() => import("./areas/casework/InboxPage.tsx"));
const DossierPage = lazy(() => import("./areas/casework/DossierPage.tsx"));
const ReceptionPage = lazy(() => import("./areas/desk/ReceptionPage.tsx"));
const OverviewPage = lazy(() => import("./areas/overview/OverviewPage.tsx"));
const ProcessEditorPage = lazy(() => import("./areas/admin/ProcessEditorPage.tsx"));
const CalendarPage = lazy(() => import("./areas/admin/CalendarPage.tsx"));
const OfficialsPage = lazy(() => import("./areas/admin/OfficialsPage.tsx"));
const SyncPage = lazy(() => import("./areas/admin/SyncPage.tsx"));
const KpiPage = lazy(() => import("./areas/kpi/KpiPage.tsx"));
const FeedbackPage = lazy(() => import("./areas/public/FeedbackPage.tsx"));
const FeedbackInboxPage = lazy(() => import("./areas/casework/FeedbackInboxPage.tsx"));
const KioskPage = lazy(() => import("./areas/desk/KioskPage.tsx"));
const PublicScorecardPage = lazy(() => import("./areas/kpi/PublicScorecardPage.tsx"));
const SteeringPage = lazy(() => import("./areas/steering/SteeringPage.tsx"));

const theme = createTheme({
  primaryColor: "blue",
  // WCAG AA: darker primary text and automatic dark text on light fills (orange, yellow).
  primaryShade: 8,
  autoContrast: true,
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif",
  defaultRadius: "sm",
});
// WCAG AA contrast: dimmed text and light-variant text darker than Mantine's defaults.
const TINTED = ["blue", "indigo", "gray", "red", "grape"];
const PALE = ["cyan", "yellow", "orange", "teal", "green"];
const contrast: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    "--mantine-color-anchor": "var(--mantine-color-blue-8)",
    ...Object.fromEntries(
      TINTED.map((c) => [`--mantine-color-${c}-light-color`, `var(--mantine-color-${c}-9)`]),
    ),
    // Shade 9 of these is still too light on their own tint: near-black text keeps 4.5:1.
    ...Object.fromEntries(
      PALE.map((c) => [`--mantine-color-${c}-light-color`, "var(--mantine-color-dark-8)"]),
    ),
  },
  dark: {},
});
const queryClient = new QueryClient({
  // Dossiers change under other officials' hands: always refetch on mount and on focus.
  defaultOptions: { queries: { staleTime: 0, retry: 1, refetchOnWindowFocus: true } },
});

/** Officials' pages: sign in first, then come back here. */
function Officials({ children }: { children: React.ReactNode }) {
  const { me, loading } = useAuth();
  if (loading) return <Loading />;
  if (!me) {
    const back = encodeURIComponent(window.location.pathname + window.location.search);
    return <Navigate to={`/dang-nhap?back=${back}`} replace />;
  }
  return children;
}

function App() {
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route index element={<PublicHome />} />
        <Route path="tra-cuu" element={<TrackPage />} />
        <Route path="thu-tuc" element={<CataloguePage />} />
        <Route path="thu-tuc/:code" element={<ProcedurePage />} />
        <Route path="dang-nhap" element={<LoginPage />} />
        <Route
          path="cong-viec"
          element={
            <Officials>
              <InboxPage />
            </Officials>
          }
        />
        <Route
          path="ho-so/:code"
          element={
            <Officials>
              <DossierPage />
            </Officials>
          }
        />
        <Route
          path="tiep-nhan"
          element={
            <Officials>
              <ReceptionPage />
            </Officials>
          }
        />
        <Route
          path="tiep-nhan/:procedureCode"
          element={
            <Officials>
              <ReceptionPage />
            </Officials>
          }
        />
        <Route path="chi-so-cong-khai" element={<PublicScorecardPage />} />
        <Route path="phan-anh" element={<FeedbackPage />} />
        <Route
          path="phan-anh-kien-nghi"
          element={
            <Officials>
              <FeedbackInboxPage />
            </Officials>
          }
        />
        <Route
          path="dieu-hanh"
          element={
            <Officials>
              <SteeringPage />
            </Officials>
          }
        />
        <Route
          path="danh-gia"
          element={
            <Officials>
              <KioskPage />
            </Officials>
          }
        />
        <Route
          path="chi-so"
          element={
            <Officials>
              <KpiPage />
            </Officials>
          }
        />
        <Route
          path="tong-quan"
          element={
            <Officials>
              <OverviewPage />
            </Officials>
          }
        />
        <Route
          path="quan-tri/quy-trinh"
          element={
            <Officials>
              <ProcessEditorPage />
            </Officials>
          }
        />
        <Route
          path="quan-tri/lich"
          element={
            <Officials>
              <CalendarPage />
            </Officials>
          }
        />
        <Route
          path="quan-tri/can-bo"
          element={
            <Officials>
              <OfficialsPage />
            </Officials>
          }
        />
        <Route
          path="quan-tri/dong-bo"
          element={
            <Officials>
              <SyncPage />
            </Officials>
          }
        />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Route>
    </Routes>
  );
}

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={contrast}>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AuthProvider>
              <App />
            </AuthProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  );
}
