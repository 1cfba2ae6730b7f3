/**
 * `node --import tsx bench/bulk-jsonl-read.ts [lines]`: streams a JSONL bulk
 * result of N lines (default 500,000, about what 100,000 SKUs with their
 * levels give) from a local server through readJsonl, and prints the rate and
 * the highest heap use seen, which should stay flat whatever N is.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { readJsonl } from "../app/services/shopify/bulk-query.server";

const lines = Number(process.argv[2] ?? 500_000);
const server = createServer((_request, response) => {
  response.writeHead(200, { "Content-Type": "application/jsonl" });
  let n = 0;
  const pump = () => {
    while (n < lines) {
      const line = JSON.stringify({
        id: `gid://shopify/ProductVariant/${n}`,
        sku: `SKU-${n}`,
        price: "9.90",
        __parentId: `gid://shopify/Product/${Math.floor(n / 5)}`,
      });
      n++;
      if (!response.write(`${line}\n`)) return void response.once("drain", pump);
    }
    response.end();
  };
  pump();
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/result.jsonl`;

const heapBefore = process.memoryUsage().heapUsed;
let peak = heapBefore;
let count = 0;
const started = performance.now();
for await (const line of readJsonl(url, (line) => line as { id: string })) {
  if (line.id) count++;
  if (count % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
}
const seconds = (performance.now() - started) / 1000;
server.close();
console.log(`read ${count} lines in ${seconds.toFixed(2)} s (${Math.round(count / seconds)} lines/s)`);
console.log(`heap: ${(heapBefore / 1e6).toFixed(1)} MB before, ${(peak / 1e6).toFixed(1)} MB at most while reading`);
