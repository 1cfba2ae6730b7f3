/**
 * Runs Admin GraphQL documents against Shopify's real schema. A document
 * that does not validate gets Shopify's error answer; a field the emulator
 * has no resolver for is an error that names it, never a silent null.
 */
import {
  execute,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFieldResolver,
} from "graphql";
import { adminSchema } from "./admin-schema";
import type { EmulatedShop } from "./state";

export interface RequestContext {
  shop: EmulatedShop;
}

type Resolver = GraphQLFieldResolver<unknown, RequestContext>;

/** Resolvers by "Type.field"; everything else reads the source object's property. */
const resolvers: Record<string, Resolver> = {
  "QueryRoot.shop": (_source, _args, { shop }) => ({
    id: `gid://shopify/Shop/${shop.id}`,
    name: shop.name,
    myshopifyDomain: shop.myshopifyDomain,
    email: shop.email,
    contactEmail: shop.email,
    currencyCode: shop.currencyCode,
    ianaTimezone: shop.ianaTimezone,
    plan: { displayName: shop.planDisplayName, partnerDevelopment: false, shopifyPlus: false, publicDisplayName: shop.planDisplayName },
  }),
  "QueryRoot.locations": (_source, args, { shop }) => {
    const { first } = args as { first?: number };
    const nodes = shop.locations.slice(0, first ?? 50).map((location) => ({ ...location, __typename: "Location" }));
    return {
      nodes,
      edges: nodes.map((node) => ({ node, cursor: Buffer.from(node.id).toString("base64") })),
      pageInfo: { hasNextPage: nodes.length < shop.locations.length, hasPreviousPage: false, startCursor: null, endCursor: null },
    };
  },
};

const fieldResolver: Resolver = (source, args, context, info) => {
  const key = `${info.parentType.name}.${info.fieldName}`;
  const resolver = resolvers[key];
  if (resolver) return resolver(source, args, context, info);
  if (source !== null && typeof source === "object" && info.fieldName in source) {
    return (source as Record<string, unknown>)[info.fieldName];
  }
  throw new GraphQLError(`The Shopify emulator does not implement ${key}`, {
    extensions: { code: "NOT_IMPLEMENTED_IN_EMULATOR" },
  });
};

export interface GraphQLRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

export async function executeAdminGraphQL(request: GraphQLRequest, context: RequestContext): Promise<ExecutionResult> {
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch (error) {
    return { errors: [error as GraphQLError] };
  }
  const schema = adminSchema();
  const validationErrors = validate(schema, document);
  if (validationErrors.length > 0) return { errors: validationErrors };
  return execute({
    schema,
    document,
    variableValues: request.variables ?? undefined,
    operationName: request.operationName ?? undefined,
    contextValue: context,
    fieldResolver,
  });
}
