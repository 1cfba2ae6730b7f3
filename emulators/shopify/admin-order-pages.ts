/**
 * Shopify's own order pages in the sandbox's admin stand-in: the orders list and an order's page, with the app's
 * order-details blocks (admin UI extensions, target admin.order-details.block.render) rendered below the order from
 * their built scripts, each in a frame of its own that hosts it as the admin does (ui-extension-host.js): the
 * `shopify` global, the web components, the session token on fetches to the app.
 */
import { escapeHtml, renderAdminShell, storePath } from "./admin-frame";
import { orderMoney } from "./store/order-money";
import type { OrderRecord } from "./store/order-store";

/** A built admin UI extension the stand-in can render (scripts/lib/ui-extensions.ts builds them). */
export interface HostedUiExtension {
  handle: string;
  name: string;
  target: string;
  /** The built script's path on disk. */
  script: string;
  /** The extension's locale files: the `.default` language and every file's messages. */
  locales: { default: string; messages: Record<string, unknown> };
}

export const ORDER_BLOCK_TARGET = "admin.order-details.block.render";

interface PageContext {
  shopDomain: string;
  shopName: string;
  appName: string;
  locale?: string;
}

const PAGE_STYLE = `
  .page { max-width: 1000px; margin: 0 auto; padding: 20px 24px; }
  .page h1 { font-size: 20px; margin: 0; }
  .card { background: #fff; border-radius: 12px; box-shadow: 0 1px 0 rgba(26,26,26,.07), inset 0 -1px 0 #d4d4d4; padding: 16px; margin-top: 16px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 8px; border-bottom: 1px solid #ebebeb; }
  td.num, th.num { text-align: right; }
  .pill { display: inline-block; border-radius: 8px; padding: 2px 8px; font-size: 12px; background: #e3e3e3; margin-left: 8px; }
  .back { color: #303030; }
  iframe.block { border: 0; width: 100%; height: 120px; display: block; margin-top: 16px; background: transparent; }
`;

const money = (amount: string, currency: string) => `${amount} ${currency}`;
const orderNumber = (order: OrderRecord) => String(order.id);

export function renderOrdersIndex(context: PageContext, orders: OrderRecord[]): string {
  const store = storePath(context.shopDomain);
  const locale = context.locale ? `?locale=${encodeURIComponent(context.locale)}` : "";
  const rows = [...orders]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id)
    .map(
      (order) => `<tr>
  <td><a href="${store}/orders/${orderNumber(order)}${locale}">${escapeHtml(order.name)}</a></td>
  <td>${escapeHtml(order.createdAt.slice(0, 10))}</td>
  <td>${escapeHtml(order.email ?? "")}</td>
  <td>${escapeHtml(order.financialStatus)}${order.cancelledAt ? " · CANCELLED" : ""}</td>
  <td class="num">${escapeHtml(money(orderMoney(order).total, order.currencyCode))}</td>
</tr>`,
    )
    .join("\n");
  return renderAdminShell({
    ...context,
    title: "Orders",
    current: "orders",
    style: PAGE_STYLE,
    main: `<div class="page"><h1>Orders</h1><div class="card"><table>
<thead><tr><th>Order</th><th>Date</th><th>Customer</th><th>Payment</th><th class="num">Total</th></tr></thead>
<tbody>${rows}</tbody></table></div></div>`,
  });
}

export function renderOrderPage(context: PageContext, order: OrderRecord, blocks: HostedUiExtension[]): string {
  const store = storePath(context.shopDomain);
  const locale = context.locale ? `?locale=${encodeURIComponent(context.locale)}` : "";
  const totals = orderMoney(order);
  const currency = order.currencyCode;
  const lines = order.lineItems
    .map(
      (line) => `<tr><td>${escapeHtml(line.title)}<br><small>${escapeHtml(line.sku ?? "")}</small></td>
  <td class="num">${line.quantity} × ${escapeHtml(money(line.price, currency))}</td></tr>`,
    )
    .join("\n");
  const frames = blocks
    .map((block) => {
      const src = `/sandbox/extensions/${encodeURIComponent(block.handle)}/host?${new URLSearchParams({
        shop: context.shopDomain,
        order: `gid://shopify/Order/${order.id}`,
        ...(context.locale ? { locale: context.locale } : {}),
      })}`;
      return `<iframe class="block" data-handle="${escapeHtml(block.handle)}" title="${escapeHtml(block.name)}" src="${escapeHtml(src)}"></iframe>`;
    })
    .join("\n");
  return renderAdminShell({
    ...context,
    title: order.name,
    current: "orders",
    style: PAGE_STYLE,
    main: `<div class="page">
<a class="back" href="${store}/orders${locale}">← Orders</a>
<h1>${escapeHtml(order.name)}<span class="pill">${escapeHtml(order.financialStatus)}</span><span class="pill">${escapeHtml(order.fulfillmentStatus)}</span>${
      order.cancelledAt ? '<span class="pill">CANCELLED</span>' : ""
    }</h1>
<p>${escapeHtml(order.createdAt.slice(0, 16).replace("T", " "))} · ${escapeHtml(order.email ?? "")}</p>
<section class="card" aria-label="Items"><table><tbody>${lines}
<tr><td>Subtotal</td><td class="num">${escapeHtml(money(totals.subtotal, currency))}</td></tr>
<tr><td>Shipping</td><td class="num">${escapeHtml(money(totals.shipping, currency))}</td></tr>
<tr><td>Taxes${order.taxesIncluded ? " (included)" : ""}</td><td class="num">${escapeHtml(money(totals.tax, currency))}</td></tr>
<tr><th>Total</th><th class="num">${escapeHtml(money(totals.total, currency))}</th></tr>
</tbody></table></section>
${fulfillmentsCard(order)}
${frames}
</div>`,
    // Each block's frame takes the height its page reports.
    script: `
  window.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.type !== "ponte-sandbox:block-height") return;
    document.querySelectorAll("iframe.block").forEach(function (frame) {
      if (frame.contentWindow === event.source) frame.style.height = Math.max(40, Number(data.height) || 0) + "px";
    });
  });
`,
  });
}

/** The page hosting one block: its settings, the host script, then the extension's built script. */
export function renderExtensionHost(
  block: HostedUiExtension,
  options: { appUrl: string; shopDomain: string; orderId: string; locale?: string; sessionTokenPath: string },
): string {
  const settings = {
    handle: block.handle,
    target: block.target,
    appUrl: options.appUrl,
    shop: options.shopDomain,
    selected: [{ id: options.orderId }],
    locale: options.locale ?? block.locales.default,
    locales: block.locales,
    sessionTokenPath: options.sessionTokenPath,
  };
  // Inline JSON: "<" escaped so that no text in it can close the script element.
  const inline = JSON.stringify(settings).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="${escapeHtml(settings.locale)}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(block.name)}</title>
<style>html, body { margin: 0; background: transparent; font: 13px system-ui, sans-serif; } body { padding: 1px; }</style>
<script>window.ponteExtensionHost = ${inline};</script>
<script src="/sandbox/ui-extension-host.js"></script>
</head>
<body>
<script src="/sandbox/extensions/${encodeURIComponent(block.handle)}/script.js"></script>
</body>
</html>`;
}

/** The order's fulfillments as the admin lists them: name, tracking, and where the shipment is (its latest event). */
function fulfillmentsCard(order: OrderRecord): string {
  if (order.fulfillments.length === 0) return "";
  const rows = order.fulfillments
    .map((fulfillment) => {
      const latest = (fulfillment.events ?? []).at(-1);
      const where =
        fulfillment.status === "CANCELLED" ? "Cancelled" : latest ? `${sentence(latest.status)} ${latest.happenedAt.slice(0, 10)}` : "Fulfilled";
      const tracking = fulfillment.tracking ? [fulfillment.tracking.company, fulfillment.tracking.number].filter(Boolean).join(" ") : "";
      return `<tr><td>${escapeHtml(fulfillment.name)}</td><td>${escapeHtml(tracking)}</td><td class="num">${escapeHtml(where)}</td></tr>`;
    })
    .join("");
  return `<section class="card" aria-label="Fulfillments"><table><tbody>${rows}</tbody></table></section>`;
}

/** DELIVERED -> "Delivered", OUT_FOR_DELIVERY -> "Out for delivery". */
const sentence = (status: string) => status.charAt(0) + status.slice(1).toLowerCase().replaceAll("_", " ");
