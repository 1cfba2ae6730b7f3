// The `shopify` global the admin gives the block's module (what `shopify app dev` writes into this file).
import "@shopify/ui-extensions";
import type { Api } from "@shopify/ui-extensions/admin.order-details.block.render";

declare module "./src/OrderErpStatusBlock.tsx" {
  const shopify: Api;
  const globalThis: { shopify: typeof shopify };
}
