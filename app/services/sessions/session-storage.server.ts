/** Ponte's Shopify session storage: Prisma underneath, access tokens sealed. */
import type { PrismaClient } from "@prisma/client";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { SecretBox } from "../crypto/secret-box.server";
import { EncryptedSessionStorage } from "./encrypted-session-storage.server";

export function createSessionStorage(db: PrismaClient, encryptionKey: string): SessionStorage {
  return new EncryptedSessionStorage(new PrismaSessionStorage(db), new SecretBox(encryptionKey));
}

/** For a process started without PONTE_ENCRYPTION_KEY: every use says why it cannot work. */
export function sessionStorageWithoutKey(): SessionStorage {
  const refuse = () => Promise.reject(new Error("PONTE_ENCRYPTION_KEY is not set in this process: Shopify sessions cannot be read"));
  return { storeSession: refuse, loadSession: refuse, deleteSession: refuse, deleteSessions: refuse, findSessionsByShop: refuse };
}
