/**
 * A local stand-in for the Shopify admin's frame around an embedded app: the
 * admin's chrome, the app in an iframe opened the way Shopify opens it
 * (embedded=1, shop, host, a fresh id_token), and the session-token answers
 * the App Bridge stand-in asks for by postMessage.
 */
import { embeddedHostParam } from "./session-token";

export interface AdminFrameOptions {
  shopDomain: string;
  shopName: string;
  appName: string;
  appUrl: string;
  idToken: string;
  /** Where the frame fetches fresh session tokens (same origin as the frame). */
  sessionTokenPath: string;
  /** The admin user's language, passed to the app as Shopify does. */
  locale?: string;
}

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch);

/** The app's address as the admin opens it; `locale` is the admin user's language, as Shopify passes it ("it", "pt-BR"). */
export function appLaunchUrl(appUrl: string, shopDomain: string, idToken: string, locale?: string): string {
  const url = new URL("/app", appUrl);
  url.searchParams.set("embedded", "1");
  url.searchParams.set("shop", shopDomain);
  url.searchParams.set("host", embeddedHostParam(shopDomain));
  url.searchParams.set("id_token", idToken);
  if (locale) url.searchParams.set("locale", locale);
  return url.href;
}

/**
 * The admin user's language in the stand-in: `?locale=` on the admin's address, else the browser's first language
 * (a real admin user picks theirs in Shopify's settings).
 */
export function adminLocaleOf(query: string | null, acceptLanguage: string | undefined): string | undefined {
  const tag = query ?? acceptLanguage?.split(",")[0]?.split(";")[0]?.trim();
  return tag && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag) ? tag : undefined;
}

export interface AdminShellOptions {
  shopDomain: string;
  shopName: string;
  appName: string;
  locale?: string;
  title: string;
  /** Which admin page is open: the app's, or Shopify's own orders. */
  current: "app" | "orders";
  /** The page's own styles, body and script. */
  style?: string;
  main: string;
  script?: string;
}

/** The store's path in the stand-in (`/store/demo`), as admin.shopify.com names it. */
export const storePath = (shopDomain: string) => `/store/${shopDomain.replace(/\.myshopify\.com$/, "")}`;

/** The admin's chrome around a page: the top bar, the side navigation (Orders and the app are real links). */
export function renderAdminShell(options: AdminShellOptions): string {
  const store = storePath(options.shopDomain);
  const locale = options.locale ? `?locale=${encodeURIComponent(options.locale)}` : "";
  const current = (which: AdminShellOptions["current"]) => (options.current === which ? ' aria-current="page"' : "");
  return `<!doctype html>
<html lang="${escapeHtml(options.locale ?? "en")}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(options.title)} · ${escapeHtml(options.shopName)} · Shopify admin (sandbox)</title>
<style>
  html, body { margin: 0; height: 100%; font: 14px system-ui, sans-serif; background: #f1f1f1; }
  .top { height: 56px; background: #1a1a1a; color: #e3e3e3; display: flex; align-items: center; padding: 0 16px; gap: 12px; }
  .top strong { color: #fff; }
  .sandbox { margin-left: auto; background: #ffb800; color: #1a1a1a; border-radius: 6px; padding: 2px 8px; font-weight: 600; }
  .body { display: flex; min-height: calc(100% - 56px); }
  nav { width: 240px; padding: 12px 8px; box-sizing: border-box; flex: none; }
  nav a { display: block; padding: 6px 10px; color: #303030; text-decoration: none; border-radius: 8px; }
  nav a[aria-current] { background: #fff; font-weight: 600; }
  nav .app-menu a { padding-left: 28px; }
  nav a:focus-visible, main a:focus-visible { outline: 2px solid #005bd3; }
  main { flex: 1; padding: 0; min-width: 0; }
${options.style ?? ""}
</style>
</head>
<body>
<header class="top"><strong>Shopify</strong><span>${escapeHtml(options.shopName)}</span><span class="sandbox">Sandbox</span></header>
<div class="body">
  <nav aria-label="Admin">
    <a href="#" tabindex="-1">Home</a><a href="${store}/orders${locale}"${current("orders")}>Orders</a><a href="#" tabindex="-1">Products</a><a href="#" tabindex="-1">Customers</a>
    <a href="${store}/apps/ponte${locale}"${current("app")} id="app-home">${escapeHtml(options.appName)}</a>
    <div class="app-menu" id="app-menu"></div>
  </nav>
  <main>${options.main}</main>
</div>
${options.script ? `<script>${options.script}</script>` : ""}
</body>
</html>`;
}

export function renderAdminFrame(options: AdminFrameOptions): string {
  const src = appLaunchUrl(options.appUrl, options.shopDomain, options.idToken, options.locale);
  const appOrigin = new URL(options.appUrl).origin;
  const locale = options.locale ? `?locale=${encodeURIComponent(options.locale)}` : "";
  return renderAdminShell({
    ...options,
    title: options.appName,
    current: "app",
    style: `  main { display: flex; }
  iframe { border: 0; width: 100%; flex: 1; min-height: calc(100vh - 56px); background: #f1f1f1; }`,
    main: `<iframe id="app-frame" name="app-iframe" title="${escapeHtml(options.appName)}" src="${escapeHtml(src)}"></iframe>`,
    script: `
  (function () {
    var appOrigin = ${JSON.stringify(appOrigin)};
    var shop = ${JSON.stringify(options.shopDomain)};
    var store = ${JSON.stringify(storePath(options.shopDomain))};
    var locale = ${JSON.stringify(locale)};
    var frame = document.getElementById("app-frame");
    var ORDER_PATH = new RegExp("^/orders(/[0-9]+)?$");
    function navigateApp(href) {
      frame.contentWindow.postMessage({ type: "ponte-sandbox:navigate", href: href }, appOrigin);
    }
    function renderAppMenu(items) {
      var menu = document.getElementById("app-menu");
      menu.textContent = "";
      items.forEach(function (item) {
        if (item.home) {
          document.getElementById("app-home").onclick = function (e) { e.preventDefault(); navigateApp(item.href); };
          return;
        }
        var link = document.createElement("a");
        link.href = "#";
        link.textContent = item.label;
        link.onclick = function (e) { e.preventDefault(); navigateApp(item.href); };
        menu.appendChild(link);
      });
    }
    window.addEventListener("message", function (event) {
      var data = event.data || {};
      if (event.origin !== appOrigin) return;
      if (data.type === "ponte-sandbox:nav-menu") return renderAppMenu(data.items || []);
      // A shopify://admin/… link in the app (App Bridge opens it in the admin): the admin's own page.
      if (data.type === "ponte-sandbox:admin-navigate" && ORDER_PATH.test(String(data.path))) {
        window.location.href = store + data.path + locale;
        return;
      }
      if (data.type !== "ponte-sandbox:id-token") return;
      fetch(${JSON.stringify(options.sessionTokenPath)} + "?shop=" + encodeURIComponent(shop), { method: "POST" })
        .then(function (response) { return response.json(); })
        .then(function (body) {
          event.source.postMessage({ type: "ponte-sandbox:id-token-result", requestId: data.requestId, token: body.token, error: body.error }, event.origin);
        })
        .catch(function (error) {
          event.source.postMessage({ type: "ponte-sandbox:id-token-result", requestId: data.requestId, error: String(error) }, event.origin);
        });
    });
  })();
`,
  });
}
