/**
 * Shopify's calculated query cost, as its rate-limit documentation states it:
 * a scalar or enum costs 0, an object 1, a connection 2 plus the number of
 * nodes it may return times the cost of each (first/last), an interface or
 * union the most expensive of its selections, and a mutation 10 for the
 * mutation field itself. `requestedQueryCost` is the cost before running;
 * `actualQueryCost` counts what the answer really held.
 */
import {
  getNamedType,
  isAbstractType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  valueFromASTUntyped,
} from "graphql";

const MUTATION_COST = 10;

function isConnection(typeName: string): boolean {
  return typeName.endsWith("Connection");
}

function argumentNumber(field: FieldNode, name: string, variables: Record<string, unknown>): number | undefined {
  const argument = field.arguments?.find((arg) => arg.name.value === name);
  if (!argument) return undefined;
  const value = valueFromASTUntyped(argument.value, variables);
  return typeof value === "number" ? value : undefined;
}

function selectionCost(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  variables: Record<string, unknown>,
  fragments: Map<string, SelectionSetNode>,
): number {
  let total = 0;
  const byType = new Map<string, number>();
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      total += fieldCost(schema, parent, selection, variables, fragments);
    } else {
      const set = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments.get(selection.name.value);
      const typeCondition = selection.kind === Kind.INLINE_FRAGMENT ? selection.typeCondition?.name.value : undefined;
      const type = typeCondition ? (schema.getType(typeCondition) as GraphQLCompositeType) : parent;
      if (!set) continue;
      const cost = selectionCost(schema, type, set, variables, fragments);
      if (typeCondition && isAbstractType(parent)) byType.set(typeCondition, Math.max(byType.get(typeCondition) ?? 0, cost));
      else total += cost;
    }
  }
  // An interface or union costs the most expensive of its possible selections.
  return total + (byType.size > 0 ? Math.max(...byType.values()) : 0);
}

function fieldCost(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType,
  field: FieldNode,
  variables: Record<string, unknown>,
  fragments: Map<string, SelectionSetNode>,
): number {
  if (field.name.value.startsWith("__") || !("getFields" in parent)) return 0;
  const definition = parent.getFields()[field.name.value];
  if (!definition) return 0;
  const type = getNamedType(definition.type);
  if (!field.selectionSet || !(isObjectType(type) || isAbstractType(type))) return 0;
  const childCost = selectionCost(schema, type as GraphQLCompositeType, field.selectionSet, variables, fragments);
  if (isConnection(type.name)) {
    const size = argumentNumber(field, "first", variables) ?? argumentNumber(field, "last", variables) ?? 0;
    const perNode = Math.max(1, nodeCost(schema, type as GraphQLCompositeType, field.selectionSet, variables, fragments));
    return 2 + size * perNode;
  }
  return 1 + childCost;
}

/** The cost of one node of a connection: what is selected under nodes or edges.node. */
function nodeCost(
  schema: GraphQLSchema,
  connectionType: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  variables: Record<string, unknown>,
  fragments: Map<string, SelectionSetNode>,
): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || !("getFields" in connectionType)) continue;
    const definition = connectionType.getFields()[selection.name.value];
    if (!definition || !selection.selectionSet) continue;
    const type = getNamedType(definition.type) as GraphQLCompositeType;
    if (selection.name.value === "nodes") cost = Math.max(cost, 1 + selectionCost(schema, type, selection.selectionSet, variables, fragments));
    if (selection.name.value === "edges") {
      for (const edgeSelection of selection.selectionSet.selections) {
        if (edgeSelection.kind === Kind.FIELD && edgeSelection.name.value === "node" && edgeSelection.selectionSet && "getFields" in type) {
          const nodeType = getNamedType(type.getFields().node!.type) as GraphQLCompositeType;
          cost = Math.max(cost, 1 + selectionCost(schema, nodeType, edgeSelection.selectionSet, variables, fragments));
        }
      }
    }
  }
  return cost;
}

export function requestedQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): number {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return 0;
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [])),
  );
  const root = operation.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 0;
  if (operation.operation === "mutation") {
    return operation.selectionSet.selections.reduce((sum, selection) => {
      if (selection.kind !== Kind.FIELD) return sum;
      return sum + MUTATION_COST + (selection.selectionSet ? fieldCost(schema, root, selection, variables, fragments) - 1 : 0);
    }, 0);
  }
  return selectionCost(schema, root, operation.selectionSet, variables, fragments);
}

/** What the answer really held: one point per object returned, connections counted by their nodes. */
export function actualQueryCost(data: unknown, isMutation: boolean, mutationFields: number): number {
  const count = (value: unknown): number => {
    if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + count(item), 0);
    if (value && typeof value === "object") {
      return 1 + Object.values(value).reduce((sum: number, item) => sum + count(item), 0);
    }
    return 0;
  };
  const objects = Math.max(0, count(data) - 1);
  return isMutation ? mutationFields * MUTATION_COST + Math.max(0, objects - mutationFields) : objects;
}
