import js from "@eslint/js";
import tseslint from "typescript-eslint";
import i18next from "eslint-plugin-i18next";

export default tseslint.config(
  // test/fixtures holds payloads captured elsewhere, kept as their sources wrote them: data, not our code.
  { ignores: ["node_modules/", "build/", ".ponte/", "test-results/", ".cache/", "test/fixtures/", "bench/.measured-*"] },
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
    // Pages already in the merchant's language: no text written into their markup, only words from app/i18n/messages.
    // (Issue 17 moves the other pages here one by one.)
    files: [
      "app/routes/app.tsx",
      "app/routes/app._index.tsx",
      "app/routes/app.stock.tsx",
      "app/components/dashboard/**/*.tsx",
      "app/components/catalog/StockHistoryPage.tsx",
      "app/components/runs/*.tsx",
      "app/routes/app.activity.tsx",
      "app/routes/app.jobs.tsx",
      "app/routes/app.runs.$runId.tsx",
      "app/components/orders/*.tsx",
      "app/routes/app.orders.tsx",
      "app/components/pricing/*.tsx",
      "app/routes/app.prices.tsx",
      "app/components/schedules/*.tsx",
      "app/routes/app.schedules.tsx",
      "app/components/common/*.tsx",
      "app/components/pos/*.tsx",
      "app/routes/app.pos.tsx",
      "app/components/erp/*.tsx",
      "app/routes/app.erp.tsx",
      "app/components/catalog/*.tsx",
      "app/routes/app.catalog.tsx",
      "extensions/*/src/**/*.tsx",
    ],
    plugins: { i18next },
    rules: {
      "i18next/no-literal-string": [
        "error",
        {
          // Text between tags, and the attributes that carry words a merchant reads.
          mode: "jsx-only",
          "jsx-attributes": {
            include: [
              "label",
              "title",
              "subtitle",
              "placeholder",
              "helpText",
              "accessibilityLabel",
              "aria-label",
              "heading",
              "error",
              "suffix",
              "prefix",
            ],
          },
        },
      ],
    },
  },
  {
    // GraphQL Code Generator loads its schema loader and plugins with require().
    files: ["scripts/codegen/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The App Bridge stand-in and the UI extension host run in the browser, as classic scripts.
    files: ["emulators/shopify/app-bridge-stand-in.js", "emulators/shopify/ui-extension-host.js"],
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
        HTMLElement: "readonly",
        customElements: "readonly",
        ResizeObserver: "readonly",
        Intl: "readonly",
        console: "readonly",
      },
    },
  },
);
