import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  // test/fixtures holds payloads captured elsewhere, kept as their sources wrote them: data, not our code.
  { ignores: ["node_modules/", "build/", ".ponte/", "test-results/", ".cache/", "test/fixtures/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
    },
  },
  {
    // GraphQL Code Generator loads its schema loader and plugins with require().
    files: ["scripts/codegen/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The App Bridge stand-in runs in the browser, as a classic script.
    files: ["emulators/shopify/app-bridge-stand-in.js"],
    languageOptions: {
      sourceType: "script",
      globals: {
        window: "readonly",
        document: "readonly",
        URL: "readonly",
        URLSearchParams: "readonly",
        Request: "readonly",
        Headers: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        CustomEvent: "readonly",
        MutationObserver: "readonly",
      },
    },
  },
);
