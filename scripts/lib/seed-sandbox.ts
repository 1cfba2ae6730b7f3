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
import { shopDomain } from "../../app/services/ids";

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
 * run to run): its first ERP when it has none, and every ERP connected with
 * the emulator's key; an ERP the merchant connected elsewhere is left alone.
 */
export async function connectSandboxErp(databaseUrl: string, encryptionKey: string, erp: { url: string; apiKey: string }): Promise<void> {
  const db = createPrismaClient(databaseUrl);
  try {
    const box = new SecretBox(encryptionKey);
    const shop = shopDomain(DEMO_SHOP.myshopifyDomain);
    const saved = await db.erpConnection.findMany({ where: { shop } });
    if (saved.length === 0) await saveErpConnection(db, box, shop, { kind: "http", url: erp.url, secret: erp.apiKey });
    // Every ERP the merchant pointed at the emulator (by its key) follows it to this run's port.
    const ours = saved.filter((row) => row.kind === "http" && box.open(row.secretSealed) === erp.apiKey).map((row) => row.id);
    if (ours.length > 0) await db.erpConnection.updateMany({ where: { id: { in: ours } }, data: { url: erp.url } });
  } finally {
    await db.$disconnect();
  }
}
