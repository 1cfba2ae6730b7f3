/**
 * The ERP emulator checks every request body against the contract itself
 * (docs/erp-http-contract.openapi.yaml), not against Ponte's own schemas: a
 * request Ponte builds that drifts from the published contract is refused
 * here, as a real ERP written from that contract would refuse it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { parse } from "yaml";

const contractFile = path.resolve(import.meta.dirname, "../../docs/erp-http-contract.openapi.yaml");

interface Operation {
  requestBody?: { content?: { "application/json"?: { schema?: unknown } } };
}
interface Contract {
  paths: Record<string, Record<string, Operation>>;
}

export interface ContractCheck {
  /** null when the body fits the contract (or the operation takes none); else what does not fit, and where. */
  checkBody(method: string, pathname: string, body: unknown): string | null;
  /** The contract's path template for a request path ("/customers/{id}"), or null when the contract has none. */
  templateOf(pathname: string): string | null;
}

const escapePointer = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");

export function loadErpContract(file = contractFile): ContractCheck {
  const contract = parse(readFileSync(file, "utf8")) as Contract;
  // The whole document is one schema resource, so the bodies' "#/components/schemas/..." references resolve in it.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ ...contract, $id: "erp-contract" });
  const templates = Object.keys(contract.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
    // A literal segment wins over a parameter: /sales-orders/check before /sales-orders/{id}.
    parameters: (template.match(/\{/g) ?? []).length,
  }));
  templates.sort((a, b) => a.parameters - b.parameters);
  const validators = new Map<string, ValidateFunction | null>();

  const templateOf = (pathname: string) => templates.find((entry) => entry.pattern.test(pathname))?.template ?? null;

  return {
    templateOf,
    checkBody(method, pathname, body) {
      const template = templateOf(pathname);
      if (!template) return null;
      const verb = method.toLowerCase();
      const key = `${verb} ${template}`;
      if (!validators.has(key)) {
        const schema = contract.paths[template]?.[verb]?.requestBody?.content?.["application/json"]?.schema;
        const pointer = `/paths/${escapePointer(template)}/${verb}/requestBody/content/application~1json/schema`;
        validators.set(key, schema ? ajv.compile({ $ref: `erp-contract#${pointer}` }) : null);
      }
      const validate = validators.get(key);
      if (!validate || validate(body)) return null;
      return (validate.errors ?? [])
        .slice(0, 5)
        .map((error) => `${error.instancePath || "(the body)"} ${error.message ?? "does not fit"}`)
        .join("; ");
    },
  };
}
