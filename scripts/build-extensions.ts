/**
 * `npm run build:extensions` (and the end of `npm run build`): the admin UI extensions under extensions/, built as
 * Shopify CLI builds them, into build/extensions/<handle>/dist/<handle>.js (scripts/lib/ui-extensions.ts).
 */
import path from "node:path";
import { buildAllUiExtensions } from "./lib/ui-extensions";

const root = path.resolve(import.meta.dirname, "..");
for (const script of await buildAllUiExtensions({ minify: true })) {
  console.log(`[ponte] extension built: ${path.relative(root, script)}`);
}
