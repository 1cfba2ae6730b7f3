/**
 * Runs Admin GraphQL documents against Shopify's real schema, as Shopify
 * does: a document that does not validate gets Shopify's error answer; its
 * requested cost must fit in the shop's leaky bucket, or the answer is
 * THROTTLED; every answer carries extensions.cost. A field the emulator has
 * no resolver for is an error that names it, never a silent null.
 */
import {
  execute,
  getNamedType,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type OperationDefinitionNode,
} from "graphql";
import { adminSchema } from "./admin-schema";
import { rootResolvers, notImplemented, type RequestContext, type Resolver } from "./graphql-resolvers";
import type { LeakyBucket } from "./leaky-bucket";
import { actualQueryCost, requestedQueryCost } from "./query-cost";

export type { RequestContext } from "./graphql-resolvers";

export const SINGLE_QUERY_MAX_COST = 1000;

export const fieldResolver: Resolver = (source, rawArgs, context, info) => {
  const key = `${info.parentType.name}.${info.fieldName}`;
  // In a bulk operation, connections have no page size: every node is read.
  const args =
    context.bulk && getNamedType(info.returnType).name.endsWith("Connection")
      ? { ...rawArgs, first: rawArgs.first ?? Number.MAX_SAFE_INTEGER, __bulk: true }
      : rawArgs;
  const resolver = rootResolvers[key];
  if (resolver) return resolver(source, args, context, info);
  if (source !== null && typeof source === "object" && info.fieldName in source) {
    const value = (source as Record<string, unknown>)[info.fieldName];
    return typeof value === "function" ? (value as (args: unknown) => unknown)(args) : value;
  }
  return notImplemented(key);
};

export interface GraphQLRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

export async function executeAdminGraphQL(request: GraphQLRequest, context: RequestContext, bucket: LeakyBucket): Promise<ExecutionResult> {
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch (error) {
    return { errors: [error as GraphQLError] };
  }
  const schema = adminSchema();
  const validationErrors = validate(schema, document);
  if (validationErrors.length > 0) return { errors: validationErrors };

  const variables = request.variables ?? {};
  const requested = requestedQueryCost(schema, document, request.operationName, variables);
  if (requested > SINGLE_QUERY_MAX_COST) {
    return {
      errors: [
        new GraphQLError(`Query cost is ${requested}, which exceeds the single query max cost limit (${SINGLE_QUERY_MAX_COST}).`, {
          extensions: { code: "MAX_COST_EXCEEDED", cost: requested, maxCost: SINGLE_QUERY_MAX_COST },
        }),
      ],
      extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: bucket.status() } },
    };
  }
  if (!bucket.take(requested)) {
    return {
      errors: [new GraphQLError("Throttled", { extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } })],
      extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: bucket.status() } },
    };
  }
  const result = await execute({
    schema,
    document,
    variableValues: variables,
    operationName: request.operationName ?? undefined,
    contextValue: context,
    fieldResolver,
  });
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const isMutation = operation?.operation === "mutation";
  const actual = Math.min(requested, actualQueryCost(result.data, isMutation, operation?.selectionSet.selections.length ?? 0));
  bucket.refund(requested - actual);
  return { ...result, extensions: { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: bucket.status() } } };
}
