/**
 * `npm run emulator:shopify`: the Shopify emulator on its own, with the demo
 * shop, for an app started by hand. It signs session tokens for the app named
 * by SHOPIFY_API_KEY / SHOPIFY_API_SECRET / SHOPIFY_APP_URL.
 */
import { startShopifyEmulator } from "./server";
import { DEMO_SHOP } from "./state";

const { SHOPIFY_API_KEY, SHOPIFY_API_SECRET, SHOPIFY_APP_URL } = process.env;
if (!SHOPIFY_API_KEY || !SHOPIFY_API_SECRET || !SHOPIFY_APP_URL) {
  console.error("set SHOPIFY_API_KEY, SHOPIFY_API_SECRET and SHOPIFY_APP_URL for the app the emulator frames");
  process.exit(2);
}
const emulator = await startShopifyEmulator({
  port: Number(process.env.PONTE_SHOPIFY_PORT ?? 8080),
  app: { name: "Ponte", apiKey: SHOPIFY_API_KEY, apiSecret: SHOPIFY_API_SECRET, url: SHOPIFY_APP_URL },
  shops: [DEMO_SHOP],
});
console.log(`Shopify emulator on ${emulator.url} (demo shop ${DEMO_SHOP.myshopifyDomain}, token in emulators/shopify/state.ts)`);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void emulator.close().then(() => process.exit(0)));
