/**
 * The app's settings, read once from the environment and checked. Every
 * variable is listed in the README's table.
 */
import type { Environment } from "./environment";
import { z } from "zod";

export const DEFAULT_SCOPES =
  "read_orders,write_orders,read_products,write_products,read_inventory,write_inventory,read_locations,read_customers,write_customers,read_fulfillments,write_fulfillments,read_merchant_managed_fulfillment_orders,write_merchant_managed_fulfillment_orders,read_returns,read_translations,write_translations";

const appConfigSchema = z.object({
  SHOPIFY_API_KEY: z.string().min(1, "SHOPIFY_API_KEY is required (the app's client id)"),
  SHOPIFY_API_SECRET: z.string().min(1, "SHOPIFY_API_SECRET is required (the app's client secret)"),
  SHOPIFY_APP_URL: z.url("SHOPIFY_APP_URL must be the app's public URL"),
  SCOPES: z.string().default(DEFAULT_SCOPES),
  PONTE_ENCRYPTION_KEY: z.string().min(1, "PONTE_ENCRYPTION_KEY is required: 32 random bytes in base64 (openssl rand -base64 32)"),
  SHOP_CUSTOM_DOMAIN: z.string().optional(),
});

export type AppConfig = z.infer<typeof appConfigSchema>;

export function readAppConfig(env: Environment = process.env): AppConfig {
  const parsed = appConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Ponte's configuration is incomplete:\n${problems}`);
  }
  return parsed.data;
}
