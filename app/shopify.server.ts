/**
 * The one place shopifyApp is configured: auth, webhooks, session storage.
 */
import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import db from "./db.server";
import { readAppConfig } from "./services/config/app-config.server";
import { SecretBox } from "./services/crypto/secret-box.server";
import { ensureShopJobs } from "./services/jobs/shop-jobs.server";
import { jobQueue } from "./services/jobs/job-queue.server";
import { createSessionStorage } from "./services/sessions/session-storage.server";
import { recordShopInstalled } from "./services/shops/shop-registry.server";
import { sessionShop } from "./services/ids";

export const SHOPIFY_API_VERSION = ApiVersion.July26;

const config = readAppConfig();
export const secretBox = new SecretBox(config.PONTE_ENCRYPTION_KEY);
export const sessionStorage = createSessionStorage(db, config.PONTE_ENCRYPTION_KEY);
/** The secret Shopify signs webhooks with (server only; never logged or sent anywhere). */
export const webhookSigningSecret = config.SHOPIFY_API_SECRET;

const shopify = shopifyApp({
  apiKey: config.SHOPIFY_API_KEY,
  apiSecretKey: config.SHOPIFY_API_SECRET,
  apiVersion: SHOPIFY_API_VERSION,
  scopes: config.SCOPES.split(","),
  appUrl: config.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  sessionStorage,
  distribution: AppDistribution.AppStore,
  isEmbeddedApp: true,
  future: {
    unstable_newEmbeddedAuthStrategy: true,
  },
  hooks: {
    // A new install (or a reinstall): record the shop and give it its jobs.
    afterAuth: async ({ session }) => {
      await recordShopInstalled(db, sessionShop(session));
      await ensureShopJobs(jobQueue(), sessionShop(session));
    },
  },
  ...(config.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [config.SHOP_CUSTOM_DOMAIN] } : {}),
});

export default shopify;
export const apiVersion = SHOPIFY_API_VERSION;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
