/**
 * Session storage that never keeps a Shopify access token in clear: it seals
 * accessToken (and refreshToken) before handing the session to the wrapped
 * storage, and opens them on the way back.
 */
import { Session } from "@shopify/shopify-app-remix/server";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import type { SecretBox } from "../crypto/secret-box.server";
import type { ShopDomain } from "../ids";

export class EncryptedSessionStorage implements SessionStorage {
  constructor(
    private readonly inner: SessionStorage,
    private readonly box: SecretBox,
  ) {}

  storeSession(session: Session): Promise<boolean> {
    const sealed = new Session(session.toObject());
    if (session.accessToken) sealed.accessToken = this.box.seal(session.accessToken);
    if (session.refreshToken) sealed.refreshToken = this.box.seal(session.refreshToken);
    return this.inner.storeSession(sealed);
  }

  async loadSession(id: string): Promise<Session | undefined> {
    const stored = await this.inner.loadSession(id);
    if (!stored) return undefined;
    try {
      return this.open(stored);
    } catch (error) {
      // Sealed under another key (PONTE_ENCRYPTION_KEY changed): treat the
      // session as absent, so Shopify issues a fresh token that we seal anew.
      console.warn(`session ${id} cannot be read (${(error as Error).message}); a new one will be requested`);
      return undefined;
    }
  }

  deleteSession(id: string): Promise<boolean> {
    return this.inner.deleteSession(id);
  }

  deleteSessions(ids: string[]): Promise<boolean> {
    return this.inner.deleteSessions(ids);
  }

  async findSessionsByShop(shop: ShopDomain): Promise<Session[]> {
    const sessions = await this.inner.findSessionsByShop(shop);
    return sessions.flatMap((session) => {
      try {
        return [this.open(session)];
      } catch {
        return [];
      }
    });
  }

  private open(stored: Session): Session {
    const session = new Session(stored.toObject());
    if (stored.accessToken) session.accessToken = this.box.open(stored.accessToken);
    if (stored.refreshToken) session.refreshToken = this.box.open(stored.refreshToken);
    return session;
  }
}
