/** The shops that installed Ponte: recorded on first visit, marked at uninstall. */
import type { PrismaClient } from "@prisma/client";

export async function recordShopInstalled(db: PrismaClient, domain: string) {
  return db.shop.upsert({
    where: { domain },
    create: { domain },
    update: { uninstalledAt: null },
  });
}

/** The shop's record, created on first sight (a shop installed before Ponte recorded installs). */
export async function findOrRecordShop(db: PrismaClient, domain: string) {
  return (await db.shop.findUnique({ where: { domain } })) ?? recordShopInstalled(db, domain);
}

export async function recordShopUninstalled(db: PrismaClient, domain: string): Promise<void> {
  await db.shop.updateMany({ where: { domain }, data: { uninstalledAt: new Date() } });
  await db.session.deleteMany({ where: { shop: domain } });
}

/** shop/redact: 48 hours after uninstall, Shopify asks us to erase the shop's data. */
export async function eraseShopData(db: PrismaClient, domain: string): Promise<void> {
  await db.$transaction([
    db.session.deleteMany({ where: { shop: domain } }),
    db.workerProbeRun.deleteMany({ where: { shop: domain } }),
    db.webhookEvent.deleteMany({ where: { shop: domain, topic: { not: "SHOP_REDACT" } } }),
    db.orderSnapshot.deleteMany({ where: { shop: domain } }),
    db.productSnapshot.deleteMany({ where: { shop: domain } }),
    db.syncWatermark.deleteMany({ where: { shop: domain } }),
    db.customerDataReport.deleteMany({ where: { shop: domain } }),
    db.erpConnection.deleteMany({ where: { shop: domain } }),
    db.orderExport.deleteMany({ where: { shop: domain } }),
    db.externalLink.deleteMany({ where: { shop: domain } }),
    db.shopSettings.deleteMany({ where: { shop: domain } }),
    db.posConnection.deleteMany({ where: { shop: domain } }),
    db.posSalePoint.deleteMany({ where: { shop: domain } }),
    db.posOrderAllocation.deleteMany({ where: { shop: domain } }),
    db.posDispatch.deleteMany({ where: { shop: domain } }),
    db.posLocationStock.deleteMany({ where: { shop: domain } }),
    db.jobRun.deleteMany({ where: { shop: domain } }),
    db.schedule.deleteMany({ where: { shop: domain } }),
    db.jobLease.deleteMany({ where: { shop: domain } }),
    db.runAlert.deleteMany({ where: { shop: domain } }),
    db.catalogItem.deleteMany({ where: { shop: domain } }),
    db.catalogProduct.deleteMany({ where: { shop: domain } }),
    db.catalogSync.deleteMany({ where: { shop: domain } }),
    db.stockLevel.deleteMany({ where: { shop: domain } }),
    db.stockChange.deleteMany({ where: { shop: domain } }),
    db.shop.deleteMany({ where: { domain } }),
  ]);
}
