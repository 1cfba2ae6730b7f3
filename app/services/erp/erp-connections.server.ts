/**
 * A shop's ERP connections (one main ERP, and others that take the orders
 * of the shipping countries they name): saved from the connection form
 * (parsed, the secret sealed at once), turned into the right ErpConnector,
 * and described back to the merchant without ever showing the secret.
 */
import { recordingHealth } from "../health/connection-health.server";
import { refundsModeOf, type RefundsMode } from "./refunds-mode";
import type { Prisma, PrismaClient } from "@prisma/client";
import { z } from "zod";
import { erpLinkSystem } from "../bindings/binder.server";
import type { SecretBox } from "../crypto/secret-box.server";
import { FormRefusal } from "../forms/form-refusal";
import { englishOf, say } from "../../i18n/merchant-message";
import type { ErpConnector } from "./erp-connector";
import type { ConnectionCheck } from "./erp.types";
import { sameErpDestination } from "./erp-destination";
import { byPosition, conflictingCountry, parseCountryList, type ErpRoute } from "./erp-routing";
import { HttpErpAdapter } from "./http-erp.adapter.server";
import { TrytonAdapter } from "./tryton/tryton.adapter.server";
import { legalSettingsOf } from "./erp-legal-settings.server";
import type { LegalDataSettings } from "../tax-ids/legal-sources";
import { type ErpConnectionId, erpConnectionId, erpRecordId, type ShopDomain } from "../ids";

export const erpConnectionInputSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("tryton"),
    url: z.url("errors.erp.trytonUrl"),
    database: z.string().min(1, "errors.erp.database"),
    login: z.string().min(1, "errors.erp.login"),
    secret: z.string().min(1, "errors.erp.password"),
  }),
  z.object({
    kind: z.literal("http"),
    url: z.url("errors.erp.httpUrl"),
    secret: z.string().min(1, "errors.erp.apiKey"),
  }),
]);
export type ErpConnectionInput = z.infer<typeof erpConnectionInputSchema>;

export interface ErpConnectionSummary {
  id: ErpConnectionId;
  name: string;
  /** The main ERP takes every order no other ERP claims, and feeds the catalog when it comes from the ERP. */
  main: boolean;
  /** The shipping countries whose orders it takes (empty on the main ERP). */
  countries: string[];
  kind: "tryton" | "http";
  url: string;
  database: string | null;
  login: string | null;
  /** The secret's last two characters, the rest masked. */
  secretHint: string;
  /** How orders without a customer or a product are booked in this ERP. */
  booking: ErpBookingSettings;
  /** Where the buyer's tax ids, PEC and SDI code are read from for this ERP's customers. */
  legal: LegalDataSettings;
  /** What a refund made after an order was exported does in this ERP. */
  refundsMode: RefundsMode;
}

export interface ErpBookingSettings {
  /** The ERP customer for orders with no customer, no name and no email; null: Ponte makes one on first need. */
  anonymousCustomerId: string | null;
  customLineSku: string;
  giftCardSku: string;
  tipSku: string;
}

/** A service article's SKU; `what`: the kind of line it books (its message key says it in the merchant's language). */
const sku = (what: "customLines" | "giftCards" | "tips") =>
  z
    .string()
    .trim()
    .min(1, `errors.erp.sku.${what}`)
    .max(60, "errors.erp.skuLength")
    .regex(/^[^\s]+$/, "errors.erp.skuSpaces");

export const erpBookingInputSchema = z.object({
  anonymousCustomerId: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((value) => value || null),
  customLineSku: sku("customLines"),
  giftCardSku: sku("giftCards"),
  tipSku: sku("tips"),
});

/**
 * Saves how one ERP books orders without a customer (the ERP customer they go
 * to, checked in the ERP when given) and lines without a product (a service
 * article per kind, by SKU, made on first need).
 */
export async function saveErpBooking(db: PrismaClient, box: SecretBox, shop: ShopDomain, raw: unknown): Promise<ErpBookingSettings> {
  const form = (raw ?? {}) as Record<string, unknown>;
  const row = await db.erpConnection.findFirst({ where: { shop, id: String(form.connectionId ?? "") } });
  if (!row) throw new FormRefusal("errors.erp.gone");
  const input = erpBookingInputSchema.parse(raw);
  if (input.anonymousCustomerId && input.anonymousCustomerId !== row.anonymousCustomerId) {
    const connector = connectorFor(
      { kind: row.kind as "tryton" | "http", url: row.url, database: row.database, login: row.login },
      box.open(row.secretSealed),
    );
    if (!(await customerExists(connector, input.anonymousCustomerId))) {
      throw new FormRefusal(say("errors.erp.noSuchCustomer", { erp: row.name, customer: input.anonymousCustomerId }), "anonymousCustomerId");
    }
  }
  const saved = await db.erpConnection.update({ where: { id: row.id }, data: input });
  return bookingOf(saved);
}

async function customerExists(connector: ErpConnector, id: string): Promise<boolean> {
  try {
    return (await connector.getCustomer(erpRecordId("customer", id))) !== null;
  } catch {
    return false;
  }
}

const bookingOf = (row: ConnectionRow): ErpBookingSettings => ({
  anonymousCustomerId: row.anonymousCustomerId,
  customLineSku: row.customLineSku,
  giftCardSku: row.giftCardSku,
  tipSku: row.tipSku,
});

/** One of the shop's ERPs, ready to call. */
export interface ShopErp extends ErpRoute {
  connector: ErpConnector;
  legal: LegalDataSettings;
  /** What refunds after export do in this ERP, and the service articles a credit note may need. */
  refunds: { mode: RefundsMode; serviceSkus: { custom: string; gift_card: string; tip: string } };
}

/** The form's connection: "new" adds an ERP, an id edits that one, none edits the main ERP (made if missing). */
const NEW_CONNECTION = "new";

const namingSchema = z.object({
  name: z.string().trim().max(60, "errors.erp.nameLength").optional(),
  countries: z.union([z.string(), z.array(z.string())]).optional(),
});

export async function saveErpConnection(db: PrismaClient, box: SecretBox, shop: ShopDomain, raw: unknown): Promise<ErpConnectionSummary> {
  const form = (raw ?? {}) as Record<string, unknown>;
  const rows = await db.erpConnection.findMany({ where: { shop } });
  const target = targetOf(rows, form.connectionId);
  const input = await parseKeepingSecret(target, box, raw);
  const naming = namingSchema.parse({ name: form.name, countries: form.countries });
  const position = target?.position ?? (rows.length === 0 ? 0 : Math.max(...rows.map((row) => row.position)) + 1);
  const main = target ? byPosition(rows)[0]?.id === target.id : rows.length === 0;
  const name = naming.name || target?.name || (main ? "ERP" : `ERP ${rows.length + 1}`);
  const countries = main ? [] : countriesOf(naming.countries);
  if (!main && countries.length === 0) throw new FormRefusal("errors.erp.noCountries", "countries");
  if (rows.some((row) => row.name === name && row.id !== target?.id)) throw new FormRefusal(say("errors.erp.nameTaken", { name }), "name");
  const conflict = conflictingCountry(routesOf(rows), { id: erpConnectionId(target?.id ?? NEW_CONNECTION), name, position, countries });
  if (conflict) throw new FormRefusal(say("errors.erp.countryTaken", { country: conflict.country, erp: conflict.erp }), "countries");

  const values = {
    name,
    countries,
    kind: input.kind,
    url: input.url,
    database: input.kind === "tryton" ? input.database : null,
    login: input.kind === "tryton" ? input.login : null,
    secretSealed: box.seal(input.secret),
  };
  const row = target
    ? await db.erpConnection.update({ where: { id: target.id }, data: values })
    : await db.erpConnection.create({ data: { shop, position, ...values } });
  // What was measured of the connection as it was says nothing of the connection as it is now.
  await db.connectionHealth.deleteMany({ where: { shop, system: erpLinkSystem(erpConnectionId(row.id)) } });
  return summarize(row, main, input.secret);
}

/** The shop's ERPs for its ERP page, main first, never with their secrets. */
export async function listErpConnections(db: PrismaClient, box: SecretBox, shop: ShopDomain): Promise<ErpConnectionSummary[]> {
  const rows = byPosition(await db.erpConnection.findMany({ where: { shop } }));
  return rows.map((row, index) => summarize(row, index === 0, box.open(row.secretSealed)));
}

/** The shop's main ERP, ready to call; null when the merchant has not connected one. */
export async function erpConnectorForShop(db: PrismaClient, box: SecretBox, shop: ShopDomain): Promise<ErpConnector | null> {
  const [main] = await erpsForShop(db, box, shop);
  return main?.connector ?? null;
}

/** The shop's ERPs, main first, ready to call. */
export async function erpsForShop(db: PrismaClient, box: SecretBox, shop: ShopDomain): Promise<ShopErp[]> {
  const rows = byPosition(await db.erpConnection.findMany({ where: { shop } }));
  return rows.map((row) => ({
    ...routeOf(row),
    legal: legalSettingsOf(row),
    refunds: { mode: refundsModeOf(row.refundsMode), serviceSkus: { custom: row.customLineSku, gift_card: row.giftCardSku, tip: row.tipSku } },
    connector: recordingHealth(
      connectorFor({ kind: row.kind as "tryton" | "http", url: row.url, database: row.database, login: row.login }, box.open(row.secretSealed)),
      db,
      shop,
      erpLinkSystem(erpConnectionId(row.id)),
    ),
  }));
}

/**
 * A statement's column that changes whenever any of the shop's ERP rows does (parameter `$n` the shop): the whole rows
 * hashed, so an edit made by any writer is seen. A handful of rows a shop.
 */
export const erpRowsFingerprintSql = (shopParam: number) =>
  `(SELECT md5(coalesce(string_agg(c::text, '|' ORDER BY c.id), '')) FROM "ErpConnection" c WHERE c.shop = $${shopParam})`;

/** How long ERPs made by erpsForShopAsOf are used again while their rows stay as they were. */
export const ERP_REUSE_MS = 30_000;
const madeErps = new WeakMap<PrismaClient, Map<ShopDomain, { fingerprint: string; box: SecretBox; at: number; erps: Promise<ShopErp[]> }>>();

/**
 * The shop's ERPs as erpsForShop makes them, used again for the next orders while their rows are unchanged
 * (`fingerprint`, read by the caller with erpRowsFingerprintSql in a statement it makes anyway), for ERP_REUSE_MS at
 * most: an order's export then reads no ERP row, opens no secret and, on Tryton, logs in once per half minute instead
 * of once per order.
 */
export function erpsForShopAsOf(db: PrismaClient, box: SecretBox, shop: ShopDomain, fingerprint: string, now = Date.now()): Promise<ShopErp[]> {
  let byShop = madeErps.get(db);
  if (!byShop) madeErps.set(db, (byShop = new Map()));
  const held = byShop.get(shop);
  if (held && held.fingerprint === fingerprint && held.box === box && now - held.at < ERP_REUSE_MS) return held.erps;
  const erps = erpsForShop(db, box, shop);
  const entry = { fingerprint, box, at: now, erps };
  byShop.set(shop, entry);
  erps.catch(() => {
    if (byShop.get(shop) === entry) byShop.delete(shop);
  });
  return erps;
}

/** Where the shop's orders go: each ERP's id, name, position and countries (no secret is opened). */
export async function erpRoutesForShop(db: PrismaClient, shop: ShopDomain): Promise<ErpRoute[]> {
  return byPosition(
    routesOf(await db.erpConnection.findMany({ where: { shop }, select: { id: true, name: true, position: true, countries: true } })),
  );
}

/**
 * Removes an ERP other than the main one. Refused while it holds orders Ponte
 * exported (their statuses are read from it: they would otherwise be lost
 * to Ponte, or sent again elsewhere), and while a schedule works only with it
 * (dropping it would silently widen that schedule to every ERP).
 */
export async function removeErpConnection(db: PrismaClient, shop: ShopDomain, id: string): Promise<void> {
  const routes = await erpRoutesForShop(db, shop);
  const route = routes.find((r) => r.id === id);
  if (!route) throw new FormRefusal("errors.erp.gone");
  if (route === routes[0]) throw new FormRefusal("errors.erp.mainKept");
  const exported = await db.orderExport.count({ where: { shop, erpConnectionId: id, erpOrderId: { not: null } } });
  if (exported > 0) throw new FormRefusal(say("errors.erp.holdsOrders", { erp: route.name, count: exported }));
  const schedule = await db.schedule.findFirst({ where: { shop, erpConnectionIds: { has: id } }, select: { name: true } });
  if (schedule) throw new FormRefusal(say("errors.erp.usedBySchedule", { schedule: schedule.name, erp: route.name }));
  await db.$transaction([
    db.externalLink.deleteMany({ where: { shop, system: erpLinkSystem(route.id) } }),
    db.orderExport.updateMany({ where: { shop, erpConnectionId: id }, data: { erpConnectionId: null } }),
    db.connectionHealth.deleteMany({ where: { shop, system: erpLinkSystem(route.id) } }),
    db.erpConnection.delete({ where: { id } }),
  ]);
}

export function connectorFor(
  settings: { kind: "tryton" | "http"; url: string; database: string | null; login: string | null },
  secret: string,
): ErpConnector {
  if (settings.kind === "tryton") {
    return new TrytonAdapter({ url: settings.url, database: settings.database ?? "", login: settings.login ?? "", password: secret });
  }
  return new HttpErpAdapter({ baseUrl: settings.url, apiKey: secret });
}

type ConnectionRow = Prisma.ErpConnectionGetPayload<object>;

function summarize(row: ConnectionRow, main: boolean, secret: string): ErpConnectionSummary {
  return {
    id: erpConnectionId(row.id),
    name: row.name,
    main,
    countries: row.countries,
    kind: row.kind as "tryton" | "http",
    url: row.url,
    database: row.database,
    login: row.login,
    secretHint: `${"•".repeat(8)}${secret.slice(-2)}`,
    booking: bookingOf(row),
    legal: legalSettingsOf(row),
    refundsMode: refundsModeOf(row.refundsMode),
  };
}

const routeOf = (row: Pick<ConnectionRow, "id" | "name" | "position" | "countries">): ErpRoute => ({
  id: erpConnectionId(row.id),
  name: row.name,
  position: row.position,
  countries: row.countries,
});
const routesOf = (rows: Array<Pick<ConnectionRow, "id" | "name" | "position" | "countries">>) => rows.map(routeOf);

function targetOf(rows: ConnectionRow[], connectionId: unknown): ConnectionRow | null {
  if (connectionId === NEW_CONNECTION) return null;
  if (typeof connectionId === "string" && connectionId) {
    const row = rows.find((r) => r.id === connectionId);
    if (!row) throw new FormRefusal("errors.erp.gone");
    return row;
  }
  return byPosition(rows)[0] ?? null;
}

function countriesOf(raw: string | string[] | undefined): string[] {
  const parsed = parseCountryList(Array.isArray(raw) ? raw.join(",") : (raw ?? ""));
  if ("error" in parsed) throw new FormRefusal(parsed.error, "countries");
  return parsed.countries;
}

/**
 * The form leaves the password or key empty to keep the one saved (it is
 * never sent back to the browser). A saved secret is only ever sent where it
 * was given for: it is kept only while the kind, the address (and for
 * Tryton the database and login) stay the same; a new address needs the key
 * again, and nothing is sent until it is given.
 */
async function parseKeepingSecret(saved: ConnectionRow | null, box: SecretBox, raw: unknown): Promise<ErpConnectionInput> {
  const form = (raw ?? {}) as Record<string, unknown>;
  if (!form.secret && saved) {
    if (sameErpDestination(saved, { kind: form.kind, url: form.url, database: form.database, login: form.login }))
      return erpConnectionInputSchema.parse({ ...form, secret: box.open(saved.secretSealed) });
    throw new FormRefusal(form.kind === "tryton" ? "errors.erp.passwordAgain" : "errors.erp.apiKeyAgain", "secret");
  }
  return erpConnectionInputSchema.parse(raw);
}

/** "Test connection" on the form's values (the saved secret when the field is left empty): a clear answer, never a throw. */
export async function testErpConnectionInput(db: PrismaClient, box: SecretBox, shop: ShopDomain, raw: unknown): Promise<ConnectionCheck> {
  let input: ErpConnectionInput;
  try {
    const rows = await db.erpConnection.findMany({ where: { shop } });
    input = await parseKeepingSecret(targetOf(rows, (raw as Record<string, unknown> | null)?.connectionId), box, raw);
  } catch (error) {
    if (error instanceof FormRefusal)
      return { ok: false, error: error.message, said: [error.said], ...(error.field === "secret" ? { field: "secret" } : {}) };
    if (error instanceof z.ZodError) {
      const said = error.issues.map((issue) => issue.message);
      return { ok: false, error: said.map((one) => englishOf(say(one))).join("; "), said };
    }
    throw error;
  }
  const connector = connectorFor(
    {
      kind: input.kind,
      url: input.url,
      database: input.kind === "tryton" ? input.database : null,
      login: input.kind === "tryton" ? input.login : null,
    },
    input.secret,
  );
  try {
    return await connector.testConnection();
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** What the dashboard shows of the ERPs: the main one, which and where, and how many others; never a secret. */
export async function erpConnectionOverview(
  db: PrismaClient,
  shop: ShopDomain,
): Promise<{ kind: "tryton" | "http"; url: string; others: number; erps: Array<{ id: ErpConnectionId; name: string }> } | null> {
  const rows = byPosition(
    await db.erpConnection.findMany({ where: { shop }, select: { id: true, name: true, position: true, countries: true, kind: true, url: true } }),
  );
  const main = rows[0];
  return main
    ? {
        kind: main.kind as "tryton" | "http",
        url: main.url,
        others: rows.length - 1,
        erps: rows.map((row) => ({ id: erpConnectionId(row.id), name: row.name })),
      }
    : null;
}
