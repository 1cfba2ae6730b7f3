/**
 * `npm run sandbox`: Ponte on its embedded defaults, offline. Starts the
 * embedded PostgreSQL, the Shopify emulator with a seeded demo shop and its
 * admin frame, the generic HTTP ERP emulator (connected to the demo shop
 * unless the merchant chose another ERP), the app server (the sandbox build)
 * and a worker (each started again should it die), then prints one local URL. Ctrl-C stops everything in order; the data stays in
 * PONTE_DATA_DIR (default .ponte/sandbox) for the next start.
 */
import type { Environment } from "../app/services/config/environment";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { locateDatabase } from "../app/services/database/database-location.server";
import { freePort } from "../app/services/database/embedded-database.server";
import { prepareDatabase } from "../app/services/database/prepare-database.server";
import { createPrismaClient } from "../app/services/database/prisma-client.server";
import { eventSubscriptionsFromToml, webhookSubscriptionsFromToml } from "../emulators/shopify/app-config";
import { seedDemoShop } from "../emulators/shopify/demo-data";
import { startShopifyEmulator } from "../emulators/shopify/server";
import { seedDemoErpCatalog } from "../emulators/erp/erp-catalog";
import { startErpEmulator } from "../emulators/erp/server";
import { startIcecatEmulator } from "../emulators/icecat/server";
import { demoCassaAccount, SANDBOX_CASSA_API_KEY } from "../emulators/cassa/demo-account";
import { startCassaEmulator } from "../emulators/cassa/server";
import { DEMO_SHOP } from "../emulators/shopify/state";
import { appServerCommand, startService, waitForHttp, workerCommand } from "./lib/child-services";
import { startSandboxAppProxy } from "./lib/sandbox-app-proxy";
import { ensureSandboxBuild } from "./lib/sandbox-build";
import { buildForSandbox } from "./lib/ui-extensions";
import { loadOrCreateSandboxIdentity } from "./lib/sandbox-settings";
import { connectSandboxErp, seedSandbox } from "./lib/seed-sandbox";
import { serviceRecorder } from "../app/services/workers/supervised-services.server";
import { Supervisor } from "./lib/supervisor";
import { holdPort, holdRequestedPorts } from "./lib/port-hold";

const root = path.resolve(import.meta.dirname, "..");
const log = (line: string) => console.log(`[sandbox] ${line}`);
const dataDir = path.resolve(process.env.PONTE_DATA_DIR ?? path.join(root, ".ponte", "sandbox"));
mkdirSync(dataDir, { recursive: true });
const host = "127.0.0.1";

// Ports asked for are held from the start, so that nothing started on "any free port" (the database, an emulator) takes one.
const requestedPort = (name: string) => Number(process.env[name] ?? 0) || 0;
const held = await holdRequestedPorts(host, {
  shopify: requestedPort("PONTE_SHOPIFY_PORT"),
  erp: requestedPort("PONTE_ERP_PORT"),
  cassa: requestedPort("PONTE_CASSA_PORT"),
});
const appPortHold = await holdPort(host, requestedPort("PONTE_APP_PORT"));
const releaseHeld = async (name: keyof typeof held): Promise<number | undefined> => {
  const hold = held[name];
  await hold?.release();
  return hold?.port;
};

const identity = loadOrCreateSandboxIdentity(dataDir);
const serverEntry = ensureSandboxBuild(log);
const database = await locateDatabase({ ...process.env, PONTE_DATA_DIR: dataDir }, log);
const supervisor = new Supervisor(database, log);

try {
  await prepareDatabase({ databaseUrl: database.url, mongodbUrl: process.env.MONGODB_URL || undefined }, log);
  const db = createPrismaClient(database.url);
  await seedSandbox(db, identity.encryptionKey, DEMO_SHOP);
  await db.$disconnect();

  const appPort = appPortHold.port;
  const appUrl = `http://${host}:${appPort}`;
  const emulator = await startShopifyEmulator({
    host,
    port: await releaseHeld("shopify"),
    app: { name: "Ponte", apiKey: identity.apiKey, apiSecret: identity.apiSecret, url: appUrl },
    shops: [DEMO_SHOP],
    webhookSubscriptions: webhookSubscriptionsFromToml(),
    eventSubscriptions: eventSubscriptionsFromToml(),
    // Kept like the ERP emulator's books: after a restart the next order takes the next number, the demo orders keep their dates.
    stateFile: path.join(dataDir, "shopify-emulator-state.json"),
    // The app's admin UI extensions (the order page's block), built now and rendered on the admin stand-in's pages.
    uiExtensions: await buildForSandbox(),
  });
  supervisor.onStop(emulator.close);
  if (!emulator.restored) seedDemoShop(emulator.state.shop(DEMO_SHOP.myshopifyDomain)!);
  log(`Shopify emulator on ${emulator.url}`);

  const erp = await startErpEmulator({
    host,
    port: await releaseHeld("erp"),
    apiKey: `sandbox-erp-${identity.apiKey}`,
    stateFile: path.join(dataDir, "erp-emulator-books.json"),
  });
  supervisor.onStop(erp.close);
  // Its e-commerce catalog and two warehouses, for a merchant who takes products or stock from the ERP (Catalog page).
  seedDemoErpCatalog(erp.books.catalog);
  await connectSandboxErp(database.url, identity.encryptionKey, erp);
  log(`ERP emulator on ${erp.url}`);

  const cassa = await startCassaEmulator({ host, port: await releaseHeld("cassa"), apiKey: SANDBOX_CASSA_API_KEY, books: demoCassaAccount() });
  supervisor.onStop(cassa.close);
  log(`Cassa in Cloud emulator on ${cassa.url} (its demo key is in the README)`);

  // Icecat's open catalogue, with a sheet for the demo Moka (Catalog page, "Update Icecat sheets"; user: ponte-demo).
  const icecat = await startIcecatEmulator({ host, users: ["ponte-demo"] });
  supervisor.onStop(icecat.close);
  log(`Icecat emulator on ${icecat.url} (its demo user is ponte-demo)`);

  const env: Environment = {
    ...process.env,
    DATABASE_URL: database.url,
    PONTE_DATABASE_KIND: database.kind,
    PONTE_DATA_DIR: dataDir,
    SHOPIFY_API_KEY: identity.apiKey,
    SHOPIFY_API_SECRET: identity.apiSecret,
    SHOPIFY_APP_URL: appUrl,
    PONTE_ENCRYPTION_KEY: identity.encryptionKey,
    PONTE_SANDBOX: "1",
    PONTE_SANDBOX_SHOPIFY_URL: emulator.url,
    PONTE_SANDBOX_CASSA_URL: cassa.url,
    PONTE_ICECAT_URL: icecat.url,
    // The library's session-token bounce page loads App Bridge from here.
    APP_BRIDGE_URL: `${emulator.url}/sandbox/app-bridge.js`,
  };
  const appServerPort = await freePort();
  supervisor.useRecorder(serviceRecorder(createPrismaClient(database.url)));
  const app = supervisor.supervise("app", () =>
    startService("app", ...appServerCommand(serverEntry), { ...env, PORT: String(appServerPort), HOST: host, NODE_ENV: "production" }, console.log),
  );
  await appPortHold.release();
  const proxy = await startSandboxAppProxy({ host, port: appPort, targetPort: appServerPort, adminOrigin: emulator.url });
  supervisor.onStop(proxy.close);
  supervisor.supervise("worker", () => startService("worker", ...workerCommand(), env, console.log));
  await waitForHttp(`${appUrl}/`, app.current());

  const adminUrl = `${emulator.url}/store/${DEMO_SHOP.myshopifyDomain.replace(/\.myshopify\.com$/, "")}/apps/ponte`;
  log(`data in ${dataDir}`);
  console.log(`\nPonte sandbox is ready: ${adminUrl}\n`);
} catch (error) {
  console.error(`[sandbox] ${(error as Error).message}`);
  await supervisor.stop("start-up failed", 1);
}
