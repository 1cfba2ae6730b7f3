/**
 * Seeds the sandbox database with what Shopify would have left after an
 * install: the demo shop's offline session (token sealed, as always); and
 * connects the demo shop to the sandbox's ERP emulator.
 */
import type { PrismaClient } from "@prisma/client";
import { Session } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { DEFAULT_SCOPES } from "../../app/services/config/app-config.server";
import { SecretBox } from "../../app/services/crypto/secret-box.server";
import { EncryptedSessionStorage } from "../../app/services/sessions/encrypted-session-storage.server";
import { recordShopInstalled } from "../../app/services/shops/shop-registry.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { saveErpConnection } from "../../app/services/erp/erp-connections.server";
import { DEMO_SHOP, type ShopSeed } from "../../emulators/shopify/state";

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

/**
 * Points the demo shop at this run's ERP emulator (its port may change from
 * run to run), unless the merchant connected another ERP on the ERP page.
 */
export async function connectSandboxErp(databaseUrl: string, encryptionKey: string, erp: { url: string; apiKey: string }): Promise<void> {
  const db = createPrismaClient(databaseUrl);
  try {
    const box = new SecretBox(encryptionKey);
    const shop = DEMO_SHOP.myshopifyDomain;
    const saved = await db.erpConnection.findUnique({ where: { shop } });
    const ours = saved?.kind === "http" && box.open(saved.secretSealed) === erp.apiKey;
    if (!saved || ours) await saveErpConnection(db, box, shop, { kind: "http", url: erp.url, secret: erp.apiKey });
  } finally {
    await db.$disconnect();
  }
}
