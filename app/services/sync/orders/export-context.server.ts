/**
 * What an order's export reads from Ponte's database before it calls the ERP,
 * in one round trip: the ERP's booking settings, the shop's export settings,
 * the order's link and export record, and the links of its customer and
 * articles. A link read here is used as it is (links are only ever added or
 * refreshed); what is missing is read again once the export holds the locks
 * that let it create it (readLinks).
 */
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import type { LinkedSystem } from "../../bindings/binder.server";
import { sqlRunner, type SqlRunner } from "../../database/sql-runner.server";
import { erpRecordId, type ErpConnectionId, type ErpRecordId, type ShopDomain } from "../../ids";
import { DEFAULT_SERVICE_SKUS, SHIPPING_SKU, type ServiceArticleSkus } from "./order-to-erp.mapper";
import { refundsModeOf, type RefundsMode } from "../../erp/refunds-mode";

/** What an ERP's settings say about booking: the service articles, and the customer for anonymous orders. */
export interface Booking {
  serviceSkus: ServiceArticleSkus;
  anonymousCustomerId: string | null;
  /** What refunds after export do in this ERP: off | record | book (credit notes). */
  refundsMode: RefundsMode;
}

/** The order's export record, as far as revising an exported order needs it. */
export interface ExportRecord {
  orderName: string;
  erpNumber: string | null;
  erpReference: string | null;
  erpState: string | null;
  exportedVersion: Date | null;
  exportedDigest: string | null;
  flag: string | null;
  /** The order version the sale was first made from (null on sales made before Ponte kept it). */
  saleMadeFromVersion: Date | null;
  /** When the order's latest refund known to Ponte was made, if any. */
  lastRefundAt: Date | null;
  /** Each Shopify line's quantity in the sale, by line id (null on sales made before Ponte kept them). */
  exportedLines: Record<string, number> | null;
}

export interface OrderLinks {
  /** The ERP customer linked to the order's Shopify customer. */
  customer: ErpRecordId<"customer"> | null;
  /** ERP articles by Shopify variant id, and service articles by serviceArticleLinkKey. */
  articles: Map<string, ErpRecordId<"article">>;
}

export interface ExportContext extends OrderLinks {
  booking: Booking;
  ordersToErp: "paid" | "all";
  /** The shop's totals tolerance, as a decimal text. */
  tolerance: string;
  /** The ERP sale the order is linked to: exported already. */
  sale: ErpRecordId<"sale"> | null;
  record: ExportRecord | null;
}

export interface ContextQuery {
  shop: ShopDomain;
  erpId: ErpConnectionId;
  system: LinkedSystem;
  orderId: string;
  customerId: string | null;
  variantIds: string[];
}

/** Prisma keeps times as UTC wall-clock text without a zone. */
const wallClockUtc = z
  .string()
  .nullable()
  .transform((text) => (text === null ? null : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`)));

const contextRow = z.object({
  connection: z
    .object({
      customLineSku: z.string(),
      giftCardSku: z.string(),
      tipSku: z.string(),
      anonymousCustomerId: z.string().nullable(),
      refundsMode: z.string().nullish(),
    })
    .nullable(),
  settings: z.object({ ordersToErp: z.string(), totalsTolerance: z.string() }).nullable(),
  record: z
    .object({
      orderName: z.string(),
      erpNumber: z.string().nullable(),
      erpReference: z.string().nullable(),
      erpState: z.string().nullable(),
      exportedVersion: wallClockUtc,
      exportedDigest: z.string().nullable(),
      flag: z.string().nullable(),
      saleMadeFromVersion: wallClockUtc.default(null),
      lastRefundAt: wallClockUtc.default(null),
      exportedLines: z
        .record(z.string(), z.number())
        .nullish()
        .transform((v) => v ?? null),
    })
    .nullable(),
  links: z.array(z.object({ entity: z.enum(["order", "customer", "article"]), shopifyId: z.string(), externalId: z.string() })),
});

/** Service articles (shipping, custom lines, gift cards, tips) are linked by their SKU under this prefix: a handful per ERP, all read with every order. */
const SERVICE_LINK_PREFIX = "ponte-service:";

export function serviceArticleLinkKey(sku: string): string {
  return `${SERVICE_LINK_PREFIX}${sku}`;
}

/**
 * The links of the order (parameter `order`, when given), its customer and its articles (`articles`: an SQL text[]
 * expression of their exact keys), as one JSON array. Each kind is looked up apart by the whole unique key
 * (shop, system, entity, shopifyId), so the read costs a few index probes however many orders, customers and articles
 * the shop has linked. It was one condition over the shop's links, an OR of the kinds with a LIKE on the service
 * articles' prefix: in a database that sorts text by a locale (a managed PostgreSQL's "en_US.UTF-8") a LIKE cannot use
 * the index, and the read went through every article link of the shop for each order.
 * (Whether PostgreSQL picks this index still rests on its statistics: while they do not know a shop or an ERP yet,
 * it reckons on one row either way and may read the shop's links by the other unique index, until autovacuum's next
 * ANALYZE of the table.)
 */
const LINKS_SQL = (system: number, shop: number, order: number | null, customer: number, articles: string) => {
  const linksOf = (entity: string, match: string) =>
    `SELECT l.entity, l."shopifyId", l."externalId" FROM "ExternalLink" l
      WHERE l.shop = $${shop} AND l.system = $${system} AND l.entity = '${entity}' AND l."shopifyId" ${match}`;
  return `
  SELECT coalesce(json_agg(json_build_object('entity', l.entity, 'shopifyId', l."shopifyId", 'externalId', l."externalId")), '[]'::json)
    FROM (${order === null ? "" : `${linksOf("order", `= $${order}`)} UNION ALL `}${linksOf("customer", `= $${customer}`)}
          UNION ALL ${linksOf("article", `= ANY(${articles})`)}) l`;
};

/** The link keys of the service articles an order may need: shipping's, and the default SKUs' (a shop without ERP settings books with them). */
const FIXED_SERVICE_KEYS = [SHIPPING_SKU, ...Object.values(DEFAULT_SERVICE_SKUS)].map(serviceArticleLinkKey);

/** The articles readExportContext reads: the order's variants, shipping's and the default service articles, and the ERP's own service SKUs. */
const CONTEXT_ARTICLES = `$6::text[] || $7::text[] || coalesce((SELECT ARRAY['${SERVICE_LINK_PREFIX}' || c."customLineSku", '${SERVICE_LINK_PREFIX}' || c."giftCardSku", '${SERVICE_LINK_PREFIX}' || c."tipSku"] FROM "ErpConnection" c WHERE c.id = $1), '{}'::text[])`;

/** readExportContext's statement, written once: every order runs this one text (prepared once per connection). */
const CONTEXT_SQL = `SELECT
       (SELECT json_build_object('customLineSku', c."customLineSku", 'giftCardSku', c."giftCardSku", 'tipSku', c."tipSku",
                                 'anonymousCustomerId', c."anonymousCustomerId", 'refundsMode', c."refundsMode")
          FROM "ErpConnection" c WHERE c.id = $1) AS connection,
       (SELECT json_build_object('ordersToErp', s."ordersToErp", 'totalsTolerance', s."totalsTolerance")
          FROM "ShopSettings" s WHERE s.shop = $2) AS settings,
       (SELECT json_build_object('orderName', e."orderName", 'erpNumber', e."erpNumber", 'erpReference', e."erpReference",
                                 'erpState', e."erpState", 'exportedVersion', e."exportedVersion", 'exportedDigest', e."exportedDigest",
                                 'flag', e.flag, 'saleMadeFromVersion', e."saleMadeFromVersion",
                                 'exportedLines', e."exportedLines",
                                 'lastRefundAt', (SELECT max(r."refundedAt") FROM "RefundRecord" r WHERE r.shop = $2 AND r."orderId" = $4))
          FROM "OrderExport" e WHERE e.shop = $2 AND e."orderId" = $4) AS record,
       (${LINKS_SQL(3, 2, 4, 5, CONTEXT_ARTICLES)}) AS links`;

/** The statement readExportContext runs, and its values: apart, for the test that reads its plan. */
export function exportContextStatement(query: ContextQuery): { text: string; values: unknown[] } {
  return {
    text: CONTEXT_SQL,
    values: [query.erpId, query.shop, query.system, query.orderId, query.customerId, query.variantIds, FIXED_SERVICE_KEYS],
  };
}

export async function readExportContext(db: PrismaClient | SqlRunner, query: ContextQuery): Promise<ExportContext> {
  const statement = exportContextStatement(query);
  const rows = await sqlRunner(db)<unknown>(statement.text, statement.values);
  const row = contextRow.parse(rows[0]);
  const order = row.links.find((link) => link.entity === "order");
  return {
    booking: row.connection
      ? {
          serviceSkus: { custom: row.connection.customLineSku, gift_card: row.connection.giftCardSku, tip: row.connection.tipSku },
          anonymousCustomerId: row.connection.anonymousCustomerId,
          refundsMode: refundsModeOf(row.connection.refundsMode),
        }
      : { serviceSkus: DEFAULT_SERVICE_SKUS, anonymousCustomerId: null, refundsMode: "record" },
    ordersToErp: row.settings?.ordersToErp === "all" ? "all" : "paid",
    tolerance: row.settings?.totalsTolerance ?? "0.00",
    sale: order ? erpRecordId("sale", order.externalId) : null,
    record: row.record,
    ...linksOf(row.links),
  };
}

const LINKS_AGAIN_SQL = `SELECT (${LINKS_SQL(1, 2, null, 3, "$4::text[]")}) AS links`;

/**
 * The customer's and articles' links again (after the creation locks): what another export made meanwhile is seen.
 * `articleKeys`: each article's link key, a variant id or a service article's serviceArticleLinkKey.
 */
export async function readLinks(
  db: PrismaClient | SqlRunner,
  query: { shop: ShopDomain; system: LinkedSystem; customerId: string | null; articleKeys: string[] },
): Promise<OrderLinks> {
  const rows = await sqlRunner(db)<{ links: unknown }>(LINKS_AGAIN_SQL, [query.system, query.shop, query.customerId, query.articleKeys]);
  return linksOf(contextRow.shape.links.parse(rows[0]?.links));
}

function linksOf(links: z.infer<typeof contextRow>["links"]): OrderLinks {
  const customer = links.find((link) => link.entity === "customer");
  return {
    customer: customer ? erpRecordId("customer", customer.externalId) : null,
    articles: new Map(links.filter((link) => link.entity === "article").map((link) => [link.shopifyId, erpRecordId("article", link.externalId)])),
  };
}
