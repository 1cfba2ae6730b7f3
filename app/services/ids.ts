/**
 * The ids Ponte passes around that are not Shopify GIDs (those are in
 * shopify/gid.ts), branded so that one cannot stand for another: a shop's
 * myshopify domain, one of its ERP connections, one of its POS sale points.
 * Each is made here only, from text read at an edge (a session, a webhook, a
 * job's data, a database row) or from a value already known to be one.
 */
import { z } from "zod";
import { InvalidInputError } from "./errors";

/** A shop as Shopify names it: `ponte-demo.myshopify.com` (or the app's custom shop domain, SHOP_CUSTOM_DOMAIN). */
export type ShopDomain = string & { readonly __brand: "ShopDomain" };
/** One of a shop's ERP connections (ErpConnection.id). */
export type ErpConnectionId = string & { readonly __brand: "ErpConnectionId" };
/** One of the POS's sale points, as the POS numbers it (PosSalePoint.salePointId). */
export type SalePointId = string & { readonly __brand: "SalePointId" };
/** An order the POS made from one of Ponte's (its own id for it, PosDispatch.posOrderId). */
export type PosOrderId = string & { readonly __brand: "PosOrderId" };

/** A host name in lower case with at least one dot: myshopify.com's, and a custom shop domain's. */
const SHOP_DOMAIN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

/** The shop domain, or null when the text is not one (Shopify sends them in lower case, as Ponte keeps them). */
export function parseShopDomain(value: unknown): ShopDomain | null {
  return typeof value === "string" && SHOP_DOMAIN.test(value) ? (value as ShopDomain) : null;
}

/** The shop domain; an InvalidInputError naming the text when it is not one. */
export function shopDomain(value: string): ShopDomain {
  const domain = parseShopDomain(value);
  if (!domain) throw new InvalidInputError(`not a Shopify shop domain: ${JSON.stringify(value)}`, "shop");
  return domain;
}

export function erpConnectionId(value: string): ErpConnectionId {
  if (!value) throw new InvalidInputError("an ERP connection id cannot be empty", "erpConnectionId");
  return value as ErpConnectionId;
}

export function salePointId(value: string): SalePointId {
  if (!value) throw new InvalidInputError("a sale point id cannot be empty", "salePointId");
  return value as SalePointId;
}

export function posOrderId(value: string): PosOrderId {
  if (!value) throw new InvalidInputError("a POS order id cannot be empty", "posOrderId");
  return value as PosOrderId;
}

/** For a job's data or a form: a field that must hold a shop domain. */
export const shopDomainSchema = z.string().transform((value, context): ShopDomain => {
  const domain = parseShopDomain(value);
  if (!domain) {
    context.addIssue({ code: z.ZodIssueCode.custom, message: "not a Shopify shop domain" });
    return z.NEVER;
  }
  return domain;
});

/** The shop of an authenticated admin session (Shopify's own text, checked once more). */
export const sessionShop = (session: { shop: string }): ShopDomain => shopDomain(session.shop);

/** What an ERP keeps that Ponte refers to by the ERP's own id. */
export type ErpRecord = "customer" | "article" | "sale" | "warehouse" | "creditNote";
/** An ERP's own id of one of its records (a Tryton id, the HTTP ERP's text): a sale's id cannot stand for a customer's. */
export type ErpRecordId<R extends ErpRecord> = string & { readonly __erpRecord: R };

export function erpRecordId<R extends ErpRecord>(record: R, value: string | number): ErpRecordId<R> {
  const id = String(value);
  if (!id) throw new InvalidInputError(`an ERP ${record} id cannot be empty`, `${record}Id`);
  return id as ErpRecordId<R>;
}

/** An ERP's answer naming one of its records. */
export const erpRecordIdSchema = <R extends ErpRecord>(record: R) =>
  z
    .string()
    .min(1, `an ERP ${record} id cannot be empty`)
    .transform((value) => value as ErpRecordId<R>);
