/**
 * The only door to Shopify's Admin GraphQL API: graphql-request against
 * /admin/api/2026-07/graphql.json of the shop (or of the Shopify emulator in
 * sandbox mode), with the shop's offline access token.
 */
import { ClientError, GraphQLClient } from "graphql-request";
import { sandboxSettings } from "../sandbox/sandbox-mode";

export const ADMIN_API_VERSION = "2026-07";

export class ShopifyApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "ShopifyApiError";
  }
}

export interface AdminClientOptions {
  shop: string;
  accessToken: string;
  /** Overrides https://SHOP; only sandbox mode sets it. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

export function adminApiEndpoint(shop: string, baseUrl?: string): string {
  const base = baseUrl ?? sandboxSettings()?.shopifyUrl ?? `https://${shop}`;
  return `${base.replace(/\/$/, "")}/admin/api/${ADMIN_API_VERSION}/graphql.json`;
}

export class AdminClient {
  private readonly client: GraphQLClient;

  constructor(options: AdminClientOptions) {
    this.client = new GraphQLClient(adminApiEndpoint(options.shop, options.baseUrl), {
      headers: { "X-Shopify-Access-Token": options.accessToken },
      fetch: options.fetch,
    });
  }

  async request<T>(document: string, variables?: Record<string, unknown>): Promise<T> {
    try {
      return await this.client.request<T>(document, variables);
    } catch (error) {
      if (error instanceof ClientError) {
        const status = error.response.status;
        const messages = error.response.errors?.map((e) => e.message).join("; ");
        throw new ShopifyApiError(messages || `Shopify answered HTTP ${status}`, status);
      }
      throw new ShopifyApiError(`Shopify could not be reached: ${(error as Error).message}`);
    }
  }
}
