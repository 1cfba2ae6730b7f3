/**
 * The floor for bench/webhook-intake.ts: the least a webhook endpoint can do
 * and still be correct. It reads the body, checks Shopify's HMAC, inserts one
 * row into the same PostgreSQL, and answers 200 (401 on a bad signature). The
 * body is kept as Ponte's inbox keeps it, as JSON text (json): a floor storing
 * jsonb would do more than Ponte, and be no floor.
 * Run as its own process: `node --import tsx bench/support/floor-webhook-server.ts`
 * with DATABASE_URL, FLOOR_SECRET and PORT; prints "floor listening" once ready.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const secret = process.env.FLOOR_SECRET!;
await pool.query(
  `CREATE TABLE IF NOT EXISTS floor_events (id bigserial PRIMARY KEY, shop text NOT NULL, event_id text NOT NULL, payload json NOT NULL)`,
);

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks);
    const expected = createHmac("sha256", secret).update(body).digest();
    const given = Buffer.from(String(request.headers["x-shopify-hmac-sha256"] ?? ""), "base64");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      response.writeHead(401).end();
      return;
    }
    pool
      .query("INSERT INTO floor_events (shop, event_id, payload) VALUES ($1, $2, $3)", [
        request.headers["x-shopify-shop-domain"],
        request.headers["x-shopify-event-id"],
        body.toString("utf8"),
      ])
      .then(
        () => response.writeHead(200).end(),
        () => response.writeHead(500).end(),
      );
  });
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("floor listening"));
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => server.close(() => void pool.end().then(() => process.exit(0))));
