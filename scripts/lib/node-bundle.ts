/**
 * Bundles a TypeScript entry (and Ponte's own modules it imports) into one ES
 * module for Node 20, with esbuild (vite's own, already installed): packages
 * stay outside (node_modules) but their JSON files, which are inlined with
 * Ponte's own; a source map beside it. What
 * `npm run build` makes of the worker, and what the benchmarks measure, so a
 * production process runs compiled JavaScript rather than TypeScript through
 * tsx (about 40 MB less resident memory a process).
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { build, type Plugin } from "esbuild";

/**
 * `import.meta.dirname` and `import.meta.filename` keep naming each module's own source file, as they do when run
 * from source: a module that reads a file beside it (an emulator's script, the migrations) finds it from the bundle.
 */
const sourcePaths: Plugin = {
  name: "source-paths",
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = await readFile(args.path, "utf8");
      // Spelled in two parts, so that this module, bundled itself (the benches import it), is left as written.
      const meta = ["import", "meta"].join(".");
      return {
        loader: "ts",
        contents: source
          .replaceAll(`${meta}.dirname`, JSON.stringify(path.dirname(args.path)))
          .replaceAll(`${meta}.filename`, JSON.stringify(args.path)),
      };
    });
  },
};

/** A package's JSON file (Polaris' translations) is inlined: Node imports JSON only with an import attribute. */
const inlinePackageJson: Plugin = {
  name: "inline-package-json",
  setup(builder) {
    builder.onResolve({ filter: /\.json$/ }, (args) =>
      args.path.startsWith(".") || path.isAbsolute(args.path)
        ? undefined
        : { path: createRequire(path.join(args.resolveDir, "index.js")).resolve(args.path) },
    );
  },
};

export async function bundleForNode(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: true,
    logLevel: "warning",
    plugins: [inlinePackageJson, sourcePaths],
  });
}
