/**
 * Ponte's admin UI extensions (extensions/<handle>/, type "ui_extension"): their shopify.extension.toml read and
 * checked against the documented configuration, and each built the way Shopify CLI builds one (`shopify app build`
 * cannot run offline): esbuild bundles an entry that imports each target's module and registers it with
 * `shopify.extend(target, …)`, JSX for Preact (the extension's tsconfig), into dist/<handle>.js. The extension's
 * locale files are written beside it (locales.json) for the sandbox's admin stand-in, which translates as the admin
 * does (the user's language, else the `.default` file).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { parse } from "smol-toml";
import { z } from "zod";
import type { HostedUiExtension } from "../../emulators/shopify/admin-order-pages";

const root = path.resolve(import.meta.dirname, "../..");
export const EXTENSIONS_DIR = path.join(root, "extensions");
export const BUILT_EXTENSIONS_DIR = path.join(root, "build", "extensions");

/** shopify.extension.toml of a UI extension, as Shopify's configuration reference describes it. */
export const uiExtensionTomlSchema = z.object({
  api_version: z.string().regex(/^\d{4}-(01|04|07|10)$/, "an API version such as 2026-07"),
  extensions: z
    .array(
      z.object({
        name: z.string().min(1).max(50),
        handle: z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]*$/, "lowercase letters, digits and hyphens")
          .max(30),
        type: z.literal("ui_extension"),
        description: z.string().optional(),
        uid: z.string().optional(),
        targeting: z.array(z.object({ module: z.string().startsWith("./"), target: z.string().regex(/^admin\.[a-z-]+\.[a-z-]+\.[a-z-]+$/) })).min(1),
      }),
    )
    .length(1),
});
export type UiExtensionToml = z.infer<typeof uiExtensionTomlSchema>;

export interface UiExtension {
  dir: string;
  apiVersion: string;
  handle: string;
  name: string;
  targets: Array<{ target: string; module: string }>;
}

/** The UI extensions under extensions/ (Flow triggers and actions are other types, left out). */
export function listUiExtensions(dir = EXTENSIONS_DIR): UiExtension[] {
  return readdirSync(dir)
    .map((name) => path.join(dir, name, "shopify.extension.toml"))
    .filter((file) => existsSync(file) && /^type = "ui_extension"/m.test(readFileSync(file, "utf8")))
    .map((file) => readUiExtension(path.dirname(file)));
}

export function readUiExtension(dir: string): UiExtension {
  const toml = uiExtensionTomlSchema.parse(parse(readFileSync(path.join(dir, "shopify.extension.toml"), "utf8")));
  const extension = toml.extensions[0]!;
  return { dir, apiVersion: toml.api_version, handle: extension.handle, name: extension.name, targets: extension.targeting };
}

/** The built script and its locale file. */
export function builtPaths(handle: string, outDir = BUILT_EXTENSIONS_DIR) {
  return { script: path.join(outDir, handle, "dist", `${handle}.js`), locales: path.join(outDir, handle, "locales.json") };
}

/** Builds one extension as the CLI does; resolves to the built script's path. Throws with esbuild's messages. */
export async function buildUiExtension(extension: UiExtension, options: { outDir?: string; minify?: boolean } = {}): Promise<string> {
  const out = builtPaths(extension.handle, options.outDir);
  const entry = extension.targets
    .map(
      (target, i) =>
        `import Target_${i} from ${JSON.stringify(target.module)}; shopify.extend(${JSON.stringify(target.target)}, (...args) => Target_${i}(...args));`,
    )
    .join("\n");
  await build({
    stdin: { contents: entry, resolveDir: extension.dir, sourcefile: "extension-entry.js", loader: "js" },
    outfile: out.script,
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es6",
    jsx: "automatic",
    tsconfig: path.join(extension.dir, "tsconfig.json"),
    define: { "process.env.NODE_ENV": JSON.stringify(options.minify ? "production" : "development") },
    legalComments: "none",
    minify: options.minify ?? false,
    logLevel: "silent",
  });
  mkdirSync(path.dirname(out.locales), { recursive: true });
  writeFileSync(out.locales, JSON.stringify(readLocales(extension.dir)));
  return out.script;
}

/** The extension's locale files: { default: "en", messages: { en: {...}, it: {...} } }. */
export function readLocales(dir: string): { default: string; messages: Record<string, unknown> } {
  const localesDir = path.join(dir, "locales");
  let fallback = "en";
  const messages: Record<string, unknown> = {};
  for (const file of readdirSync(localesDir).filter((name) => name.endsWith(".json"))) {
    const name = file.replace(/\.json$/, "");
    const language = name.replace(/\.default$/, "");
    if (name.endsWith(".default")) fallback = language;
    messages[language] = JSON.parse(readFileSync(path.join(localesDir, file), "utf8"));
  }
  return { default: fallback, messages };
}

export async function buildAllUiExtensions(options: { outDir?: string; minify?: boolean } = {}): Promise<string[]> {
  return Promise.all(listUiExtensions().map((extension) => buildUiExtension(extension, options)));
}

/** Every UI extension built (unminified, for reading in the browser's tools) and described for the Shopify emulator's admin stand-in. */
export async function buildForSandbox(): Promise<HostedUiExtension[]> {
  const outDir = path.join(BUILT_EXTENSIONS_DIR, "sandbox");
  return Promise.all(
    listUiExtensions().map(async (extension) => {
      const script = await buildUiExtension(extension, { outDir });
      const locales = readLocales(extension.dir);
      return extension.targets.map((target) => ({ handle: extension.handle, name: extension.name, target: target.target, script, locales }));
    }),
  ).then((lists) => lists.flat());
}
