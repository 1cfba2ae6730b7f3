/**
 * The catalog as Ponte reads and writes it in Shopify: every variant by SKU
 * (one bulk query, streamed), a product created with its variants stocked
 * at the chosen locations (productSet), and the "available" quantities of
 * (item, location) pairs (for a stale compare-and-set).
 */
import { setOrdersMetafields } from "./order-status.adapter.server";
import { z } from "zod";
import { textDigest } from "../hashing/text-digest";
import { parseAnswer } from "../edges/parse-answer";
import { readJsonl, runBulkQuery, type BulkQueryOptions } from "./bulk-query.server";
import { payloadOf, type AdminClient } from "./admin-client.server";
import type { GetProductQuery } from "./graphql/admin.generated";
import { GET_PRODUCT, GET_PRODUCT_COST } from "./graphql/products/get-product";
import { availableQuantitiesCost, availableQuantitiesQuery, parseAvailableQuantities } from "./graphql/inventory/get-available-quantities";
import {
  BULK_PRODUCTS_FOR_REFRESH,
  BULK_VARIANTS_BY_SKU,
  SET_PRODUCT,
  SET_PRODUCT_COST,
  UPDATE_VARIANT_PRICES,
  UPDATE_VARIANT_PRICES_COST,
  parseBulkProductLine,
  parseBulkVariantLine,
} from "./graphql/products/set-product";

export interface ShopifyVariantRef {
  productId: string;
  variantId: string;
  inventoryItemId: string;
}

/** Every Shopify variant with a SKU, by SKU (the first one met when a SKU repeats). */
export async function variantsBySku(
  client: AdminClient,
  options: BulkQueryOptions & { fetch?: typeof fetch } = {},
): Promise<Map<string, ShopifyVariantRef>> {
  const operation = await runBulkQuery(client, BULK_VARIANTS_BY_SKU, options);
  const bySku = new Map<string, ShopifyVariantRef>();
  if (!operation.url) return bySku;
  for await (const line of readJsonl(operation.url, parseBulkVariantLine, options.fetch)) {
    const sku = line.sku?.trim();
    if (sku && !bySku.has(sku)) bySku.set(sku, { productId: line.product.id, variantId: line.id, inventoryItemId: line.inventoryItem.id });
  }
  return bySku;
}

export interface NewShopifyProduct {
  title: string;
  descriptionHtml: string;
  productType: string | null;
  /** One variant for a simple product (shown as "Default Title"), several under the option "Variant". */
  variants: Array<{ sku: string; price: string; name: string }>;
  /** Where the variants are stocked, at 0 until the stock push sets them. */
  locationIds: string[];
}

export type CreatedProduct = { ok: true; productId: string; variants: Array<{ sku: string } & ShopifyVariantRef> } | { ok: false; message: string };

export async function createProduct(client: AdminClient, product: NewShopifyProduct): Promise<CreatedProduct> {
  return productSetOutcome(payloadOf((await client.request(SET_PRODUCT, productSetVariables(product), SET_PRODUCT_COST)).productSet, "productSet"));
}

/** productSet's variables for a new product: active, its variants tracked and stocked at 0 at the locations. */
export function productSetVariables(product: NewShopifyProduct) {
  const simple = product.variants.length === 1;
  const optionName = simple ? "Title" : "Variant";
  const valueOf = (variant: NewShopifyProduct["variants"][number]) => (simple ? "Default Title" : variant.name);
  const input = {
    title: product.title,
    descriptionHtml: product.descriptionHtml,
    ...(product.productType ? { productType: product.productType } : {}),
    status: "ACTIVE" as const,
    productOptions: [{ name: optionName, values: product.variants.map((variant) => ({ name: valueOf(variant) })) }],
    variants: product.variants.map((variant) => ({
      sku: variant.sku,
      price: variant.price,
      optionValues: [{ optionName, name: valueOf(variant) }],
      inventoryItem: { tracked: true },
      inventoryQuantities: product.locationIds.map((locationId) => ({ locationId, name: "available", quantity: 0 })),
    })),
  };
  return { input };
}

/**
 * productSet in bulk: the same mutation (one product per line of variables), each line's answer read back as the
 * synchronous call's is.
 */
export const BULK_PRODUCT_SET = SET_PRODUCT;

export function parseProductSetLine(data: unknown): CreatedProduct {
  return productSetOutcome(parseAnswer(productSetData, data, "Shopify's bulk productSet result").productSet);
}

const productSetData = z.object({
  productSet: z.object({
    product: z
      .object({
        id: z.string(),
        variants: z.object({ nodes: z.array(z.object({ id: z.string(), sku: z.string().nullable(), inventoryItem: z.object({ id: z.string() }) })) }),
      })
      .nullable(),
    userErrors: z.array(z.object({ message: z.string() })),
  }),
});

function productSetOutcome(productSet: z.infer<typeof productSetData>["productSet"]): CreatedProduct {
  if (!productSet.product) return { ok: false, message: productSet.userErrors.map((error) => error.message).join("; ") || "Shopify made no product" };
  const productId = productSet.product.id;
  return {
    ok: true,
    productId,
    variants: productSet.product.variants.nodes.map((variant) => ({
      sku: variant.sku ?? "",
      productId,
      variantId: variant.id,
      inventoryItemId: variant.inventoryItem.id,
    })),
  };
}

const READ_CHUNK = 50;

/** Shopify's "available" quantity for each pair ("item|location"); null where the item is not stocked there. */
export async function availableQuantities(
  client: AdminClient,
  pairs: Array<{ inventoryItemId: string; locationId: string }>,
): Promise<Map<string, number | null>> {
  const found = new Map<string, number | null>();
  for (let start = 0; start < pairs.length; start += READ_CHUNK) {
    const chunk = pairs.slice(start, start + READ_CHUNK);
    const variables = Object.fromEntries(
      chunk.flatMap((pair, index) => [
        [`item${index}`, pair.inventoryItemId],
        [`location${index}`, pair.locationId],
      ]),
    );
    const result = await client.requestBuilt(
      availableQuantitiesQuery(chunk.length),
      variables,
      parseAvailableQuantities,
      availableQuantitiesCost(chunk.length),
    );
    chunk.forEach((pair, index) => {
      const level = result[`q${index}`]?.inventoryLevel;
      found.set(`${pair.inventoryItemId}|${pair.locationId}`, level ? (level.quantities.find((q) => q.name === "available")?.quantity ?? 0) : null);
    });
  }
  return found;
}

/** A Shopify product as the product refresh compares and rewrites it (its description kept as a digest only). */
export interface ShopifyProductState {
  id: string;
  title: string;
  descriptionDigest: string;
  productType: string;
  vendor: string;
  /** Titles of the collections it is in. */
  collections: string[];
  variants: Array<{ id: string; sku: string; price: string; options: Array<{ name: string; value: string }>; barcode?: string | null }>;
}

/** One line of the refresh's bulk query as Ponte keeps it: a product (its description as a digest), a variant or a collection. */
export type RefreshLine =
  | { kind: "product"; id: string; title: string; descriptionDigest: string; productType: string; vendor: string }
  | {
      kind: "variant";
      productId: string;
      id: string;
      sku: string;
      price: string;
      options: Array<{ name: string; value: string }>;
      /** Its GTIN (EAN, UPC), where the merchant gave one. */
      barcode?: string | null;
    }
  | { kind: "collection"; productId: string; title: string };

/** The product a line belongs to. */
export const refreshLineProduct = (line: RefreshLine) => (line.kind === "product" ? line.id : line.productId);

/**
 * Every product of the shop as Shopify has it, as the lines of one bulk query, read and handed on one at a time
 * (a description, however long, kept as a digest). A child line comes after its parent's, not always right after.
 */
export async function* refreshLines(client: AdminClient, options: BulkQueryOptions = {}): AsyncGenerator<RefreshLine> {
  const operation = await runBulkQuery(client, BULK_PRODUCTS_FOR_REFRESH, options);
  if (!operation.url) return;
  for await (const line of readJsonl(operation.url, parseBulkProductLine)) {
    if (line.__parentId === undefined)
      yield {
        kind: "product",
        id: line.id,
        title: line.title,
        descriptionDigest: textDigest(line.descriptionHtml),
        productType: line.productType,
        vendor: line.vendor,
      };
    else if ("sku" in line)
      yield {
        kind: "variant",
        productId: line.__parentId,
        id: line.id,
        sku: line.sku ?? "",
        price: line.price,
        options: line.selectedOptions,
        barcode: line.barcode ?? null,
      };
    else yield { kind: "collection", productId: line.__parentId, title: line.title };
  }
}

/** Products put together from their lines, in the lines' order; a child whose product is not among them is dropped. */
export function productStatesOf(lines: Iterable<RefreshLine>): Map<string, ShopifyProductState> {
  const products = new Map<string, ShopifyProductState>();
  const orphans: RefreshLine[] = [];
  const attach = (line: Exclude<RefreshLine, { kind: "product" }>) => {
    const product = products.get(line.productId);
    if (!product) return false;
    if (line.kind === "variant")
      product.variants.push({ id: line.id, sku: line.sku, price: line.price, options: line.options, barcode: line.barcode ?? null });
    else product.collections.push(line.title);
    return true;
  };
  for (const line of lines) {
    if (line.kind === "product") {
      const { kind: _kind, ...state } = line;
      products.set(line.id, { ...state, collections: [], variants: [] });
    } else if (!attach(line)) orphans.push(line);
  }
  for (const line of orphans) if (line.kind !== "product") attach(line);
  return products;
}

/**
 * The products among `wanted` as Shopify has them, read with one bulk query and streamed: other products' lines are
 * read and dropped. (The refresh stages every line instead: staged-catalog.server.)
 */
export async function productsForRefresh(
  client: AdminClient,
  wanted: ReadonlySet<string>,
  options: BulkQueryOptions = {},
): Promise<Map<string, ShopifyProductState>> {
  const kept: RefreshLine[] = [];
  for await (const line of refreshLines(client, options)) if (wanted.has(refreshLineProduct(line))) kept.push(line);
  return productStatesOf(kept);
}

export interface ProductRewrite {
  title: string;
  /** Left as Shopify has it when null. */
  descriptionHtml: string | null;
  /** Left as Shopify has it when null (categories switched off). */
  productType: string | null;
  /** New prices by SKU; variants not listed keep theirs. */
  prices: ReadonlyMap<string, string>;
  /** Image URLs to set, or null to leave the product's media alone. */
  images: string[] | null;
}

/** Rewrites a product with productSet, listing every variant it has (so none is removed) with its own options. */
export async function rewriteProduct(
  client: AdminClient,
  current: ShopifyProductState,
  rewrite: ProductRewrite,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const productSet = payloadOf(
    (await client.request(SET_PRODUCT, productRewriteVariables(current, rewrite), SET_PRODUCT_COST)).productSet,
    "productSet",
  );
  return productSet.product
    ? { ok: true }
    : { ok: false, message: productSet.userErrors.map((error) => error.message).join("; ") || "Shopify did not update the product" };
}

/** productSet's variables for a rewrite (see rewriteProduct); in bulk, one line each. */
export function productRewriteVariables(current: ShopifyProductState, rewrite: ProductRewrite) {
  const optionNames = [...new Set(current.variants.flatMap((variant) => variant.options.map((option) => option.name)))];
  const input = {
    id: current.id,
    title: rewrite.title,
    ...(rewrite.descriptionHtml !== null ? { descriptionHtml: rewrite.descriptionHtml } : {}),
    ...(rewrite.productType !== null ? { productType: rewrite.productType } : {}),
    productOptions: optionNames.map((name) => ({
      name,
      values: [
        ...new Set(
          current.variants
            .map((variant) => variant.options.find((option) => option.name === name)?.value)
            .filter((value): value is string => Boolean(value)),
        ),
      ].map((value) => ({ name: value })),
    })),
    variants: current.variants.map((variant) => ({
      id: variant.id,
      sku: variant.sku,
      price: rewrite.prices.get(variant.sku) ?? variant.price,
      optionValues: variant.options.map((option) => ({ optionName: option.name, name: option.value })),
    })),
    ...(rewrite.images ? { files: rewrite.images.map((url) => ({ originalSource: url, contentType: "IMAGE" as const })) } : {}),
  };
  return { input };
}

/** Puts a product on sale (ACTIVE) or takes it off (DRAFT). */
export async function setProductStatus(
  client: AdminClient,
  productId: string,
  status: "ACTIVE" | "DRAFT",
): Promise<{ ok: true } | { ok: false; message: string }> {
  const productSet = payloadOf(
    (await client.request(SET_PRODUCT, productStatusVariables(productId, status), SET_PRODUCT_COST)).productSet,
    "productSet",
  );
  return productSet.product
    ? { ok: true }
    : { ok: false, message: productSet.userErrors.map((error) => error.message).join("; ") || "Shopify did not change the product" };
}

/** productSet's variables for a change of status (see setProductStatus); in bulk, one line each. */
export function productStatusVariables(productId: string, status: "ACTIVE" | "DRAFT") {
  return { input: { id: productId, status } };
}

/** Sets variants' prices on one product; nothing is applied when Shopify refuses any of them. */
export async function setVariantPrices(
  client: AdminClient,
  productId: string,
  prices: Array<{ variantId: string; price: string }>,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const { productVariantsBulkUpdate } = await client.request(
    UPDATE_VARIANT_PRICES,
    { productId, variants: prices.map((entry) => ({ id: entry.variantId, price: entry.price })) },
    UPDATE_VARIANT_PRICES_COST,
  );
  const answer = payloadOf(productVariantsBulkUpdate, "productVariantsBulkUpdate");
  return answer.userErrors.length === 0 ? { ok: true } : { ok: false, message: answer.userErrors.map((error) => error.message).join("; ") };
}

/** One product as Ponte keeps it (see GET_PRODUCT), or null when Shopify no longer has it. */
export async function readProduct(client: AdminClient, id: string): Promise<GetProductQuery["product"]> {
  const { product } = await client.request(GET_PRODUCT, { id }, GET_PRODUCT_COST);
  return product;
}

/** Sets a product's app-owned metafields (namespace $app, declared in shopify.app.toml) in one metafieldsSet. */
export function setProductMetafields(
  client: AdminClient,
  productId: string,
  metafields: Array<{ key: string; type: string; value: string }>,
): Promise<{ ok: true } | { ok: false; message: string }> {
  return setOrdersMetafields(client, [{ orderId: productId, metafields }]);
}
