/** An Admin client for a shop, with the offline token from Ponte's (sealed) session storage. */
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import { PermanentError } from "../errors";
import { AdminClient } from "./admin-client.server";
import type { ShopDomain } from "../ids";

export async function adminClientForShop(sessions: SessionStorage, shop: ShopDomain): Promise<AdminClient> {
  const session = await sessions.loadSession(`offline_${shop}`);
  if (!session?.accessToken) {
    throw new PermanentError(`no offline session for ${shop}: the app must be opened once from the shop's admin`);
  }
  return new AdminClient({ shop, accessToken: session.accessToken });
}
