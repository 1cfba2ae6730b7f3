import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";

// `npm run build` makes the production build; the sandbox builds its own
// (PONTE_BUILD=sandbox) into build/sandbox. Sandbox mode compiles to false in
// the production build, so no environment variable can switch it on there.
const sandboxBuild = process.env.PONTE_BUILD === "sandbox";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  define: {
    __PONTE_SANDBOX_BUILD__: JSON.stringify(sandboxBuild),
  },
  plugins: [
    remix({
      ignoredRouteFiles: ["**/.*"],
      buildDirectory: sandboxBuild ? "build/sandbox" : "build/production",
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_lazyRouteDiscovery: true,
        v3_singleFetch: true,
        v3_routeConfig: false,
      },
    }),
  ],
  build: {
    assetsInlineLimit: 0,
  },
  optimizeDeps: {
    include: ["@shopify/app-bridge-react", "@shopify/polaris"],
  },
});
