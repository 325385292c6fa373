// Web figures: the first download's size, and how long the inbox takes to become usable in a
// real Chromium at 1 M dossiers (sign-in excluded), beside a bare Fastify page in the same browser.
import type { AddressInfo } from "node:net";
import Fastify from "fastify";
import { buildWeb } from "../scripts/build-web.ts";
import { launchChromium } from "../scripts/chromium.ts";
import { buildServer } from "../src/app/server.ts";
import type { Deployment } from "../src/app/settings.ts";
import type { Db } from "../src/kernel/db/database.ts";
import type { WorkCalendar } from "../src/reference/calendar/work-calendar.ts";

function p(ms: number[], q: number): number {
  const s = [...ms].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
}

export async function webFigures(
  db: Db,
  deployment: Deployment,
  cal: WorkCalendar,
  dossiers: number,
  log: (s: string) => void,
): Promise<void> {
  const report = await buildWeb({ quiet: true });
  const app = await buildServer({ db, deployment, calendar: async () => cal, now: () => new Date() });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  // Bare baseline: a static HTML page with one table row from bare Fastify.
  const bare = Fastify();
  bare.get("/", async (_q, r) =>
    r.type("text/html").send("<!doctype html><table><tbody><tr><td>row</td></tr></tbody></table>"),
  );
  await bare.listen({ port: 0, host: "127.0.0.1" });
  const bareBase = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/dang-nhap`);
    await page.getByLabel("Tên đăng nhập").fill("specialist");
    await page.getByLabel("Mật khẩu").fill("demo");
    await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    await page.waitForURL((u) => u.pathname === "/cong-viec");
    const cold: number[] = [];
    const next: number[] = [];
    const bareMs: number[] = [];
    for (let i = 0; i < 15; i++) {
      // A full page load each time (HTML, JS from the browser cache, then the API call).
      let t = performance.now();
      await page.goto(`${base}/cong-viec`);
      await page.getByTestId("inbox").locator("tbody tr").first().waitFor();
      cold.push(performance.now() - t);
      const firstCode = await page.getByTestId("inbox").locator("tbody tr a").first().textContent();
      t = performance.now();
      await page.getByRole("button", { name: "Trang sau" }).click();
      await page.waitForFunction(
        (code) => document.querySelector("[data-testid=inbox] tbody tr a")?.textContent !== code,
        firstCode,
      );
      next.push(performance.now() - t);
      t = performance.now();
      await page.goto(bareBase);
      await page.locator("tbody tr").first().waitFor();
      bareMs.push(performance.now() - t);
    }
    log(`## Web app at ${dossiers.toLocaleString("en")} dossiers`);
    log("");
    log(
      `Initial JavaScript (entry chunk and its static imports, gzipped): **${(report.initialJsGzipBytes / 1024).toFixed(1)} KB** (goal ≤250 KB; ${(report.initialJsBytes / 1024).toFixed(0)} KB before gzip). Each area is its own chunk; the largest lazy chunk is ${report.chunks[1]?.file ?? "?"} at ${((report.chunks[1]?.gzipBytes ?? 0) / 1024).toFixed(1)} KB.`,
    );
    log("");
    log(
      "Inbox time-to-interactive in headless Debian Chromium on this machine: navigation to the first row of the signed-in specialist's queue drawn (HTML, cached JS, the inbox API call, React render). 15 runs.",
    );
    log("");
    log("| what | p50 ms | p95 ms | ratio (p50) |");
    log("|---|---:|---:|---:|");
    log(
      `| inbox page load to first row | ${p(cold, 0.5).toFixed(0)} | ${p(cold, 0.95).toFixed(0)} | ${(p(cold, 0.5) / p(bareMs, 0.5)).toFixed(1)}× bare |`,
    );
    log(
      `| next page (keyset cursor) to new rows | ${p(next, 0.5).toFixed(0)} | ${p(next, 0.95).toFixed(0)} | |`,
    );
    log(
      `| bare: Fastify static table page to first row | ${p(bareMs, 0.5).toFixed(0)} | ${p(bareMs, 0.95).toFixed(0)} | 1.0 |`,
    );
    log("");
  } finally {
    await browser.close();
    await app.close();
    await bare.close();
  }
}
