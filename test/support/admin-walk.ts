/**
 * A merchant's walk through the sandbox's admin pages in headless Chromium:
 * `npm run sandbox` started as a newcomer starts it (its own data folder, the
 * ERP and Shopify emulators on known ports), the embedded app opened in the
 * emulated admin, and the helpers a walk needs (admin navigation, Tab until a
 * control is reached, following a run's link, a debug dump when a page never
 * opens). Each e2e file of the admin pages starts its own walk.
 */
import type { Environment } from "../../app/services/config/environment";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, FrameLocator, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { freePort } from "../../app/services/database/embedded-database.server";
import { DEMO_SHOP } from "../../emulators/shopify/state";
import { CHROME_USER_AGENT, launchChromium } from "./browser";
import { startSandbox, type SandboxProcess } from "./sandbox-process";

const root = path.resolve(import.meta.dirname, "../..");
export const screenshots = path.join(root, "test-results");

export interface AdminWalk {
  page: Page;
  /** The embedded app's frame. */
  app: FrameLocator;
  shopifyUrl: string;
  erpUrl: string;
  /** The Cassa in Cloud emulator (the sandbox's POS). */
  cassaUrl: string;
  /** POSTs JSON (to an emulator's control API) and expects a 2xx. */
  post(url: string, body: unknown): Promise<Record<string, unknown>>;
  /** A variant's price as the store sells it, read from the Shopify emulator's Admin API. */
  shopifyPrice(sku: string): Promise<string | undefined>;
  /** Presses Tab until the focused element's accessible text matches, as a keyboard user does. */
  tabTo(label: RegExp): Promise<void>;
  /** When a page never opens: a screenshot, the embedded frame's address and HTML, and the sandbox's output. */
  saveDebug(what: string): Promise<void>;
  /** Waits for `locator` to show; when it never does, saves the debug dump named `what` (saveDebug), then fails. */
  waitOrDebug(locator: Locator, what: string, timeoutMs: number): Promise<void>;
  /**
   * Opens the run page from a link that appears when a run starts. The page around the link moves while runs report
   * (banners, progress lines), so a click can land on whatever took the link's place: it is tried again, up to 3 times.
   * `start`, when given, is what makes the link appear (pressing a button); it is done again before each try.
   */
  follow(name: string, heading: string, start?: () => Promise<void>): Promise<void>;
  /** Clicks a page in the admin's app menu and waits for its heading. */
  openFromAdminNav(name: string, heading: string): Promise<void>;
}

/** Starts a sandbox and Chromium before the file's tests and stops both after them; the walk's fields are set once started. */
export function useAdminWalk(name: string): AdminWalk {
  const dataDir = mkdtempSync(path.join(tmpdir(), `ponte-walk-${name}-`));
  chmodSync(dataDir, 0o755);
  let browser: Browser | undefined;
  let sandbox: SandboxProcess | undefined;
  const browserLog: string[] = [];

  const walk: AdminWalk = {
    page: undefined as unknown as Page,
    app: undefined as unknown as FrameLocator,
    shopifyUrl: "",
    erpUrl: "",
    cassaUrl: "",
    async post(url, body) {
      const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      expect(response.ok).toBe(true);
      return (await response.json()) as Record<string, unknown>;
    },
    async shopifyPrice(sku) {
      const response = await fetch(`${walk.shopifyUrl}/admin/api/2026-07/graphql.json`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": DEMO_SHOP.accessToken },
        body: JSON.stringify({ query: `{ productVariants(first: 1, query: "sku:${sku}") { nodes { price } } }` }),
      });
      const body = (await response.json()) as { data: { productVariants: { nodes: Array<{ price: string }> } } };
      return body.data.productVariants.nodes[0]?.price;
    },
    async tabTo(label) {
      for (let presses = 0; presses < 80; presses++) {
        await walk.page.keyboard.press("Tab");
        const focused = walk.app.locator(":focus");
        const text = `${(await focused.getAttribute("aria-label", { timeout: 500 }).catch(() => null)) ?? ""} ${(await focused.textContent({ timeout: 500 }).catch(() => "")) ?? ""}`;
        if (label.test(text)) return;
      }
      throw new Error(`never reached ${label} by Tab`);
    },
    async saveDebug(what) {
      const base = path.join(screenshots, `debug-${what.replace(/\W+/g, "-")}`);
      await walk.page.screenshot({ path: `${base}.png`, fullPage: true });
      const frame = walk.page.frames().find((candidate) => candidate !== walk.page.mainFrame());
      const frameUrl = frame?.url() ?? "(no frame)";
      const frameHtml = frame ? await frame.content().catch((error: Error) => `(unreadable: ${error.message})`) : "";
      writeFileSync(`${base}.html`, frameHtml);
      writeFileSync(
        `${base}.txt`,
        `frame: ${frameUrl}\n\nbrowser:\n${browserLog.slice(-200).join("\n")}\n\nsandbox:\n${sandbox?.output().slice(-20_000) ?? ""}`,
      );
    },
    async waitOrDebug(locator, what, timeoutMs) {
      await locator.waitFor({ timeout: timeoutMs }).catch(async (error: Error) => {
        await walk.saveDebug(what);
        throw error;
      });
    },
    async follow(name, heading, start) {
      const runPage = walk.app.getByRole("heading", { name: heading, level: 1 });
      for (let attempt = 1; attempt <= 3; attempt++) {
        if (start) await start();
        await walk.app
          .getByRole("link", { name })
          .click({ timeout: 10_000 })
          .catch(() => {});
        if (
          await runPage.waitFor({ timeout: 15_000 }).then(
            () => true,
            () => false,
          )
        )
          return;
      }
      await walk.saveDebug(`follow-${name}`);
      throw new Error(`"${name}" never opened the page "${heading}"`);
    },
    async openFromAdminNav(name, heading) {
      await walk.page.locator("#app-menu").getByRole("link", { name }).click();
      await walk.waitOrDebug(walk.app.getByRole("heading", { name: heading, level: 1 }), `open-${name}`, 30_000);
    },
  };

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    const shopifyPort = await freePort();
    const erpPort = await freePort();
    const cassaPort = await freePort();
    walk.shopifyUrl = `http://127.0.0.1:${shopifyPort}`;
    walk.erpUrl = `http://127.0.0.1:${erpPort}`;
    walk.cassaUrl = `http://127.0.0.1:${cassaPort}`;
    const env: Environment = {
      PONTE_DATA_DIR: dataDir,
      PONTE_APP_PORT: String(await freePort()),
      PONTE_SHOPIFY_PORT: String(shopifyPort),
      PONTE_ERP_PORT: String(erpPort),
      PONTE_CASSA_PORT: String(cassaPort),
    };
    sandbox = await startSandbox(env);
    browser = await launchChromium();
    const page = await browser.newPage({ userAgent: CHROME_USER_AGENT, viewport: { width: 1280, height: 900 } });
    walk.page = page;
    // What the browser said (the app's frame included), for saveDebug.
    page.on("console", (message) => browserLog.push(`${new Date().toISOString()} console.${message.type()}: ${message.text()}`));
    page.on("pageerror", (error) => browserLog.push(`${new Date().toISOString()} page error: ${error.message}`));
    page.on("framenavigated", (frame) => browserLog.push(`${new Date().toISOString()} navigated: ${frame.url()}`));
    page.on("request", (request) => {
      if (/\.data|__manifest|session-token/.test(request.url()))
        browserLog.push(`${new Date().toISOString()} request: ${request.method()} ${request.url()}`);
    });
    page.on("requestfailed", (request) =>
      browserLog.push(`${new Date().toISOString()} request failed: ${request.url()} (${request.failure()?.errorText ?? "?"})`),
    );
    // Each change of the app's router (Remix's window.__remixRouter) goes to the console, hence to browserLog.
    await page.addInitScript(() => {
      const watch = setInterval(() => {
        const router = (window as unknown as { __remixRouter?: RouterLike }).__remixRouter;
        if (!router) return;
        clearInterval(watch);
        router.subscribe((state) => console.debug(`router: ${describeRouterState(state)}`));
      }, 50);
      type RouterState = {
        navigation: { state: string; location?: { pathname: string } };
        revalidation: string;
        location: { pathname: string };
        matches: Array<{ route: { id: string; lazy?: unknown; loader?: unknown } }>;
        loaderData: Record<string, unknown>;
        errors: Record<string, unknown> | null;
      };
      type RouterLike = { subscribe(listener: (state: RouterState) => void): void };
      function describeRouterState(state: RouterState): string {
        const matches = state.matches.map((m) => `${m.route.id}${m.route.lazy ? "(lazy)" : ""}${m.route.loader ? "" : "(no loader)"}`);
        return [
          `at ${state.location.pathname}`,
          `navigation ${state.navigation.state}${state.navigation.location ? ` to ${state.navigation.location.pathname}` : ""}`,
          `revalidation ${state.revalidation}`,
          `matches ${matches.join(",")}`,
          `data for ${Object.keys(state.loaderData).join(",")}`,
          `errors ${state.errors ? Object.keys(state.errors).join(",") : "none"}`,
        ].join(" | ");
      }
    });
    await page.goto(sandbox.url);
    walk.app = page.frameLocator("#app-frame");
    await walk.app.getByRole("heading", { name: "Ponte", level: 1 }).waitFor({ timeout: 60_000 });
  });

  afterAll(async () => {
    await sandbox?.interrupt();
    await browser?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  return walk;
}
