import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";

/** Screenshots land here: the browser tests' artefacts. */
export const ARTIFACTS = join(process.cwd(), "test-artifacts");

const axeSource = (createRequire(import.meta.url)("axe-core") as { source: string }).source;

/** A browser context signed in as a demo official, through the real sign-in page. */
export async function signedIn(
  browser: Browser,
  base: string,
  username: string,
  viewport = { width: 1366, height: 900 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
  const page = await context.newPage();
  await page.goto(`${base}/dang-nhap`);
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill("demo");
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/dang-nhap"));
  return { context, page };
}

/**
 * axe-core in the page: no serious or critical violation (labels, names, contrast, landmarks).
 * Returns the minor ones so a test can print them.
 */
export async function checkAccessibility(page: Page, what: string): Promise<string[]> {
  // The page as a person reads it: loaded (no spinner left) and with no transition running.
  // Under CI load axe once caught a Mantine loader still spinning (aria-prohibited-attr) and a
  // popover mid-fade (contrast); what is judged is the settled page.
  await expect.poll(() => page.locator(".mantine-Loader-root").count(), { timeout: 15_000 }).toBe(0);
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"), null, {
      timeout: 5_000,
    })
    .catch(() => {});
  // Evaluated through the debugger protocol: the page's CSP (no inline scripts) does not apply to it.
  await page.evaluate(axeSource);
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run(o: unknown): Promise<unknown> } }).axe.run({
      resultTypes: ["violations"],
    }),
  )) as { violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] };
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map(
      (v) =>
        `${what}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(", ")}`,
    ),
  ).toEqual([]);
  return result.violations.map((v) => `${v.id} (${v.impact})`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Nothing wider than the viewport: no horizontal scroll on a phone. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(client);
}
