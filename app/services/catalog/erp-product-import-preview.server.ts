/**
 * What importing the store's products into the ERP will make, shown before it runs: how many products and variants
 * the store has, how many are linked already in each ERP, the categories the chosen setting gives, and the first
 * products as their articles will be named. Read with one small query (never the whole catalog) and the links'
 * counts; the run itself looks each SKU up in the ERP before making it.
 */
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import type { ShopDomain } from "../ids";
import type { AdminClient } from "../shopify/admin-client.server";
import { ERP_IMPORT_CATEGORIES } from "../database/column-values";
import { glanceAtCatalog } from "../shopify/catalog-preview.adapter.server";
import { articleName, categoryOf, type ImportCategoryFrom } from "./erp-product-import.server";

export interface ErpImportPreview {
  products: number;
  variants: number;
  /** A count past Shopify's limit is "at least". */
  atLeast: boolean;
  categoryFrom: ImportCategoryFrom;
  /** The store's product types (the categories when they come from the product type). */
  productTypes: string[];
  /** The first products (by title) as the import would make their articles. */
  sample: Array<{
    product: string;
    /** Its category under each setting: its type, its first collection by title. */
    productType: string | null;
    collection: string | null;
    articles: Array<{ sku: string | null; name: string; price: string }>;
  }>;
  /** Per ERP, the variants linked already: found in it, or made by an earlier import. */
  erps: Array<{ id: string; name: string; linked: number; created: number }>;
}

export async function readImportCategoryFrom(db: PrismaClient, shop: ShopDomain): Promise<ImportCategoryFrom> {
  const setting = (await db.shopSettings.findUnique({ where: { shop }, select: { erpImportCategory: true } }))?.erpImportCategory;
  return ERP_IMPORT_CATEGORIES.find((one) => one === setting) ?? "product-type";
}

export async function saveImportCategoryFrom(db: PrismaClient, shop: ShopDomain, raw: unknown): Promise<ImportCategoryFrom> {
  const categoryFrom = z.enum(ERP_IMPORT_CATEGORIES).parse(raw);
  await db.shopSettings.upsert({ where: { shop }, create: { shop, erpImportCategory: categoryFrom }, update: { erpImportCategory: categoryFrom } });
  return categoryFrom;
}

export async function previewErpProductImport(
  db: PrismaClient,
  client: AdminClient,
  shop: ShopDomain,
  erps: Array<{ id: string; name: string }>,
): Promise<ErpImportPreview> {
  const glance = await glanceAtCatalog(client);
  const categoryFrom = await readImportCategoryFrom(db, shop);
  const links = await db.erpArticleLink.groupBy({ by: ["erpConnectionId", "origin"], where: { shop }, _count: { _all: true } });
  const countOf = (erpId: string, origin: string) => links.find((row) => row.erpConnectionId === erpId && row.origin === origin)?._count._all ?? 0;
  return {
    products: glance.products,
    variants: glance.variants,
    atLeast: glance.atLeast,
    categoryFrom,
    productTypes: glance.productTypes,
    sample: glance.first.map((product) => ({
      product: product.title,
      productType: categoryOf(product, "product-type"),
      collection: categoryOf(product, "collection"),
      articles: product.variants.map((variant) => ({ sku: variant.sku.trim() || null, name: articleName(product, variant), price: variant.price })),
    })),
    erps: erps.map((erp) => ({ id: erp.id, name: erp.name, linked: countOf(erp.id, "linked"), created: countOf(erp.id, "created") })),
  };
}
