/**
 * productSet, synchronously: creates a product, or updates the one named by
 * input.id / identifier (id or handle), to exactly the variants given
 * (matched by id, else by SKU; those not listed are removed).
 */
import { productView } from "../graphql-views";
import { gid, numericIdOf } from "../store/ids";
import type { ProductRecord } from "../store/catalog-store";
import type { EmulatedShop } from "../state";
import { productPayload } from "../webhook-payloads";
import type { Emit } from "./order-mutations";
import { GraphQLError } from "graphql";

/** The code the emulator's server turns into Shopify's HTTP 429 for a resource limit (not an error Shopify shows in a body). */
export const RESOURCE_LIMIT_CODE = "EMULATOR_RESOURCE_LIMIT";

/** Counts the new variants against the store's daily limit once it is past the threshold; throws when they would exceed it. */
function takeVariantQuota(shop: EmulatedShop, newVariants: number): void {
  const limit = shop.variantLimit;
  if (newVariants === 0) return;
  if (shop.catalog.variants.size >= limit.threshold) {
    if (limit.createdToday + newVariants > limit.perDay)
      throw new GraphQLError("Daily variant creation limit reached", { extensions: { code: RESOURCE_LIMIT_CODE } });
    limit.createdToday += newVariants;
  }
}

interface ProductSetInput {
  id?: string | null;
  title?: string | null;
  handle?: string | null;
  status?: ProductRecord["status"] | null;
  vendor?: string | null;
  productType?: string | null;
  descriptionHtml?: string | null;
  tags?: string[] | null;
  /** The product's files, in order: they replace the media it had (Shopify fetches each from its original source). */
  files?: Array<{ originalSource: string; contentType?: string | null; alt?: string | null }> | null;
  variants?: Array<{
    id?: string | null;
    sku?: string | null;
    price?: string | null;
    barcode?: string | null;
    optionValues?: Array<{ optionName?: string | null; name?: string | null }>;
    inventoryQuantities?: Array<{ locationId: string; name: string; quantity: number }> | null;
  }> | null;
}

export function productSet(
  shop: EmulatedShop,
  args: { input: ProductSetInput; identifier?: { id?: string | null; handle?: string | null } | null },
  emit: Emit,
) {
  const { input } = args;
  const refuse = (code: string, field: string[], message: string) => ({
    product: null,
    productSetOperation: null,
    userErrors: [{ code, field, message }],
  });
  const wantedId = input.id ?? args.identifier?.id ?? null;
  let product: ProductRecord | undefined;
  if (wantedId) {
    product = shop.catalog.products.get(numericIdOf(wantedId, "Product") ?? -1);
    if (!product) return refuse("PRODUCT_DOES_NOT_EXIST", ["input", "id"], "Product does not exist");
  } else if (args.identifier?.handle) {
    product = [...shop.catalog.products.values()].find((p) => p.handle === args.identifier!.handle);
  }
  const variants = input.variants ?? [];
  if (variants.some((v) => v.price != null && Number.isNaN(Number(v.price))))
    return refuse("INVALID_VARIANT", ["input", "variants"], "Price is invalid");
  // A new variant is stocked where inventoryQuantities says, at those quantities; without them, at the shop's
  // default (first) location only, as Shopify does.
  const locations = new Map(shop.locations.map((location) => [gid("Location", location.id), location.id]));
  const stocking = variants.map((variant) => {
    const quantities = variant.inventoryQuantities ?? [];
    if (quantities.some((q) => !locations.has(q.locationId))) return null;
    return quantities.length
      ? {
          stockedAt: quantities.map((q) => locations.get(q.locationId)!),
          stock: Object.fromEntries(quantities.map((q) => [locations.get(q.locationId)!, q.quantity])),
        }
      : { stockedAt: shop.locations.slice(0, 1).map((location) => location.id), stock: {} };
  });
  // ASSUMED code and message for an unknown location: the documentation names neither.
  if (stocking.some((entry) => entry === null))
    return refuse("INVALID_INPUT", ["input", "variants", "inventoryQuantities"], "Location does not exist");
  const withStock = variants.map((variant, index) => ({ ...variant, title: variant.optionValues?.[0]?.name ?? undefined, ...stocking[index]! }));
  const existingSkus = new Set(product ? [...shop.catalog.variants.values()].filter((v) => v.productId === product!.id).map((v) => v.sku) : []);
  takeVariantQuota(shop, product ? variants.filter((v) => !v.id && !existingSkus.has(v.sku ?? "")).length : variants.length);
  const now = new Date().toISOString();
  if (!product) {
    if (!input.title) return refuse("MISSING_FIELD_REQUIRED", ["input", "title"], "Title can't be blank");
    product = shop.catalog.addProduct(
      {
        title: input.title,
        vendor: input.vendor ?? undefined,
        productType: input.productType ?? undefined,
        status: input.status ?? undefined,
        variants: withStock.map((v) => ({
          sku: v.sku ?? "",
          price: v.price ?? "0.00",
          barcode: v.barcode ?? undefined,
          title: v.title,
          stock: v.stock,
          stockedAt: v.stockedAt,
        })),
      },
      now,
    );
    if (input.descriptionHtml) product.descriptionHtml = input.descriptionHtml;
    if (input.tags) product.tags = input.tags;
    if (input.files) product.media = mediaOf(shop, input.files);
    emit("products/create", productPayload(shop, product));
  } else {
    Object.assign(product, {
      ...(input.title != null && { title: input.title }),
      ...(input.status != null && { status: input.status }),
      ...(input.vendor != null && { vendor: input.vendor }),
      ...(input.productType != null && { productType: input.productType }),
      ...(input.descriptionHtml != null && { descriptionHtml: input.descriptionHtml }),
      ...(input.tags != null && { tags: input.tags }),
      updatedAt: now,
    });
    if (input.variants) shop.catalog.replaceVariants(product.id, withStock, now);
    if (input.files) product.media = mediaOf(shop, input.files);
    emit("products/update", productPayload(shop, product));
  }
  return { product: productView(shop, product), productSetOperation: null, userErrors: [] };
}

/** productSet's files as the product's media, each with an id of its own. */
function mediaOf(shop: EmulatedShop, files: NonNullable<ProductSetInput["files"]>): NonNullable<ProductRecord["media"]> {
  return files.map((file) => ({
    id: shop.catalog.takeId(),
    originalSource: file.originalSource,
    contentType: file.contentType ?? "IMAGE",
    alt: file.alt ?? null,
  }));
}
