/**
 * Sandbox mode: the offline stand-ins for Shopify (the emulator's Admin API,
 * its admin frame and App Bridge stand-in). It can be on only in a build made
 * for the sandbox: `npm run build` compiles __PONTE_SANDBOX_BUILD__ to false,
 * so in a production build this module answers null whatever the
 * environment says. Processes run from source (worker, scripts, tests) allow
 * it unless NODE_ENV is "production".
 */
import type { Environment } from "../config/environment";

declare const __PONTE_SANDBOX_BUILD__: boolean | undefined;

const buildAllowsSandbox: boolean = typeof __PONTE_SANDBOX_BUILD__ === "undefined" ? process.env.NODE_ENV !== "production" : __PONTE_SANDBOX_BUILD__;

export interface SandboxSettings {
  /** Base URL of the Shopify emulator, standing in for https://SHOP. */
  shopifyUrl: string;
  /** URL of the App Bridge stand-in script served by the emulator. */
  appBridgeUrl: string;
  /** Base URL of the Cassa in Cloud emulator, standing in for https://api.cassanova.com, when it runs. */
  cassaUrl: string | null;
}

export function sandboxSettings(env: Environment = process.env): SandboxSettings | null {
  if (!buildAllowsSandbox || env.PONTE_SANDBOX !== "1") return null;
  const shopifyUrl = env.PONTE_SANDBOX_SHOPIFY_URL;
  if (!shopifyUrl) throw new Error("PONTE_SANDBOX=1 needs PONTE_SANDBOX_SHOPIFY_URL (the Shopify emulator's URL)");
  return { shopifyUrl, appBridgeUrl: `${shopifyUrl.replace(/\/$/, "")}/sandbox/app-bridge.js`, cassaUrl: env.PONTE_SANDBOX_CASSA_URL || null };
}
