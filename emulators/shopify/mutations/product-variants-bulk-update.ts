/**
 * productVariantsBulkUpdate, for what Ponte changes with it: variants'
 * prices (and barcodes), each named by id and belonging to the product. As
 * Shopify does without allowPartialUpdates, one bad variant makes the whole
 * call apply nothing and answer userErrors naming it by position; with it,
 * the good ones are applied.
 */
import { productView, variantView } from "../graphql-views";
import { numericIdOf } from "../store/ids";
import type { EmulatedShop } from "../state";
import { productPayload } from "../webhook-payloads";
import type { Emit } from "./order-mutations";

interface BulkUpdateArgs {
  productId: string;
  variants: Array<{ id?: string | null; price?: string | null; barcode?: string | null }>;
  allowPartialUpdates?: boolean | null;
}

type UserError = { code: string; field: string[]; message: string };

export function productVariantsBulkUpdate(shop: EmulatedShop, args: BulkUpdateArgs, emit: Emit) {
  const product = shop.catalog.products.get(numericIdOf(args.productId, "Product") ?? -1);
  if (!product)
    return {
      product: null,
      productVariants: null,
      userErrors: [{ code: "PRODUCT_DOES_NOT_EXIST", field: ["productId"], message: "Product does not exist" }],
    };
  const errors: UserError[] = [];
  const good: Array<{ variantId: number; price?: string | null; barcode?: string | null }> = [];
  args.variants.forEach((input, index) => {
    const field = ["variants", String(index)];
    const variantId = input.id ? numericIdOf(input.id, "ProductVariant") : null;
    if (variantId === null)
      return errors.push({ code: "PRODUCT_VARIANT_ID_MISSING", field: [...field, "id"], message: "Product variant id is missing" });
    if (!product.variantIds.includes(variantId))
      return errors.push({ code: "PRODUCT_VARIANT_DOES_NOT_EXIST", field: [...field, "id"], message: "Product variant does not exist" });
    if (input.price != null && (input.price.trim() === "" || Number.isNaN(Number(input.price))))
      return errors.push({ code: "INVALID_INPUT", field: [...field, "price"], message: "Price is invalid" });
    if (input.price != null && Number(input.price) < 0)
      return errors.push({ code: "NEGATIVE_PRICE_VALUE", field: [...field, "price"], message: "Price must be greater than or equal to 0" });
    good.push({ variantId, price: input.price, barcode: input.barcode });
  });
  if (errors.length > 0 && !args.allowPartialUpdates) return { product: productView(shop, product), productVariants: null, userErrors: errors };
  const now = new Date().toISOString();
  for (const change of good) {
    const variant = shop.catalog.variants.get(change.variantId)!;
    if (change.price != null) variant.price = Number(change.price).toFixed(2);
    if (change.barcode !== undefined) variant.barcode = change.barcode ?? null;
  }
  if (good.length > 0) {
    product.updatedAt = now;
    emit("products/update", productPayload(shop, product));
  }
  return {
    product: productView(shop, product),
    productVariants: good.map((change) => variantView(shop, shop.catalog.variants.get(change.variantId)!)),
    userErrors: errors,
  };
}
