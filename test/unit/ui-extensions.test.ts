// GIVEN Ponte's admin UI extensions (extensions/*, type "ui_extension"), which `shopify app build` cannot build offline
// WHEN their TOML is read against Shopify's documented configuration and each is built as the CLI builds it
// THEN each names a target the installed @shopify/ui-extensions knows, at the app's API version, with a module that
//      exists; the build is one browser script that registers the target with shopify.extend and imports nothing;
//      and every locale file has the default's keys, so no language falls back to English
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "smol-toml";
import { afterAll, describe, expect, it } from "vitest";
import { buildUiExtension, listUiExtensions, readLocales, uiExtensionTomlSchema } from "../../scripts/lib/ui-extensions";
import { ADMIN_API_VERSION } from "../../emulators/shopify/admin-schema";

const root = path.resolve(import.meta.dirname, "../..");
const outDir = mkdtempSync(path.join(tmpdir(), "ponte-extensions-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const extensions = listUiExtensions();

/** The keys of a locale file, flattened ("erp.sale"). */
function keysOf(messages: unknown, prefix = ""): string[] {
  return Object.entries(messages as Record<string, unknown>).flatMap(([key, value]) =>
    typeof value === "object" && value !== null ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe("the admin UI extensions", () => {
  it("include the order-details block", () => {
    expect(extensions.map((extension) => [extension.handle, extension.targets.map((t) => t.target)])).toContainEqual([
      "order-erp-status",
      ["admin.order-details.block.render"],
    ]);
  });

  it.each(extensions.map((extension) => [extension.handle, extension] as const))(
    "%s: its TOML follows the documented configuration, at the app's API version, for a known target",
    (_, extension) => {
      const toml = parse(readFileSync(path.join(extension.dir, "shopify.extension.toml"), "utf8"));
      expect(uiExtensionTomlSchema.safeParse(toml).success).toBe(true);
      expect(extension.apiVersion).toBe(ADMIN_API_VERSION);
      for (const { target, module } of extension.targets) {
        expect(existsSync(path.join(root, "node_modules/@shopify/ui-extensions/build/ts/surfaces/admin/targets", `${target}.d.ts`)), target).toBe(
          true,
        );
        expect(existsSync(path.join(extension.dir, module)), module).toBe(true);
      }
    },
  );

  it("refuses a TOML with an unknown type, a handle with capitals or a module outside the extension", () => {
    const good = {
      api_version: "2026-07",
      extensions: [
        { name: "X", handle: "x", type: "ui_extension", targeting: [{ module: "./src/X.tsx", target: "admin.order-details.block.render" }] },
      ],
    };
    expect(uiExtensionTomlSchema.safeParse(good).success).toBe(true);
    const broken = (change: Record<string, unknown>) => ({ ...good, extensions: [{ ...good.extensions[0], ...change }] });
    expect(uiExtensionTomlSchema.safeParse(broken({ type: "admin_block" })).success).toBe(false);
    expect(uiExtensionTomlSchema.safeParse(broken({ handle: "Order-Block" })).success).toBe(false);
    expect(
      uiExtensionTomlSchema.safeParse(broken({ targeting: [{ module: "/etc/x.js", target: "admin.order-details.block.render" }] })).success,
    ).toBe(false);
    expect(uiExtensionTomlSchema.safeParse({ ...good, api_version: "2026-06" }).success).toBe(false);
  });

  it.each(extensions.map((extension) => [extension.handle, extension] as const))(
    "%s: builds into one script that registers its targets and imports nothing",
    async (_, extension) => {
      const script = readFileSync(await buildUiExtension(extension, { outDir, minify: true }), "utf8");
      for (const { target } of extension.targets) expect(script).toContain(`shopify.extend("${target}"`);
      expect(script).not.toMatch(/^\s*import[\s{]/m);
      expect(script).not.toMatch(/\bexport\s+(default|\{)/);
      expect(script.length).toBeLessThan(100_000);
    },
  );

  it.each(extensions.map((extension) => [extension.handle, extension] as const))("%s: every locale has the default's keys", (_, extension) => {
    const locales = readLocales(extension.dir);
    const expected = keysOf(locales.messages[locales.default]).sort();
    expect(Object.keys(locales.messages).sort()).toEqual(["en", "it", "pl", "pt-BR"]);
    for (const [language, messages] of Object.entries(locales.messages)) expect(keysOf(messages).sort(), language).toEqual(expected);
  });
});
