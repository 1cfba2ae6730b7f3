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
        // Off: with lazy route discovery, a link followed while a fetcher's reload was still under way (press
        // "Push stock now", then "Follow the stock push" at once) left a blank app. React Router (1.23) ends such a
        // navigation with the reload's data when the reload lands during route discovery (/__manifest), so the run
        // page's address showed the Catalog's data and Remix drew its "Loading..." fallback. Ponte has a few dozen
        // routes: the whole manifest in the first page costs little. Shown by the e2e step "opens the run page from a
        // link clicked while the page still reloads its data…".
        v3_lazyRouteDiscovery: false,
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
