/**
 * Seeds the sandbox database with what Shopify would have left after an
 * install: the demo shop's offline session (token sealed, as always).
 */
import type { PrismaClient } from "@prisma/client";
import { Session } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { DEFAULT_SCOPES } from "../../app/services/config/app-config.server";
import { SecretBox } from "../../app/services/crypto/secret-box.server";
import { EncryptedSessionStorage } from "../../app/services/sessions/encrypted-session-storage.server";
import { recordShopInstalled } from "../../app/services/shops/shop-registry.server";
import type { ShopSeed } from "../../emulators/shopify/state";

export async function seedSandbox(db: PrismaClient, encryptionKey: string, shop: ShopSeed): Promise<void> {
  const storage = new EncryptedSessionStorage(new PrismaSessionStorage(db), new SecretBox(encryptionKey));
  await storage.storeSession(
    new Session({
      id: `offline_${shop.myshopifyDomain}`,
      shop: shop.myshopifyDomain,
      state: "sandbox",
      isOnline: false,
      scope: DEFAULT_SCOPES,
      accessToken: shop.accessToken,
    }),
  );
  await recordShopInstalled(db, shop.myshopifyDomain);
}
