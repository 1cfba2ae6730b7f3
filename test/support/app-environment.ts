/**
 * Sets the environment the app's server modules read at import time, so a
 * test can import routes and call them as Remix would.
 */
import { randomBytes } from "node:crypto";

export interface TestAppEnvironment {
  apiKey: string;
  apiSecret: string;
  encryptionKey: string;
  appUrl: string;
}

export function useTestAppEnvironment(databaseUrl: string, overrides: Partial<TestAppEnvironment> = {}): TestAppEnvironment {
  const env: TestAppEnvironment = {
    apiKey: "test-api-key",
    apiSecret: randomBytes(16).toString("hex"),
    encryptionKey: randomBytes(32).toString("base64"),
    appUrl: "http://127.0.0.1:39999",
    ...overrides,
  };
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    SHOPIFY_API_KEY: env.apiKey,
    SHOPIFY_API_SECRET: env.apiSecret,
    SHOPIFY_APP_URL: env.appUrl,
    PONTE_ENCRYPTION_KEY: env.encryptionKey,
  });
  return env;
}
