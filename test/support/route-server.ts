/**
 * Serves the app's webhook routes over HTTP the way Remix calls them (a
 * fetch Request in, the action's Response out), so that the Shopify
 * emulator can deliver to them without a full app build.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const routesDir = path.resolve(import.meta.dirname, "../../app/routes");

type Action = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;

export async function startRouteServer(): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const file = path.join(routesDir, `${(incoming.url ?? "/").slice(1).split("?")[0]!.replaceAll("/", ".")}.tsx`);
    try {
      const { action } = (await import(file)) as { action: Action };
      const request = new Request(`http://${incoming.headers.host}${incoming.url}`, {
        method: incoming.method,
        headers: incoming.headers as Record<string, string>,
        body: Buffer.concat(chunks),
      });
      const response = await action({ request, params: {}, context: {} }).catch((thrown: unknown) => {
        if (thrown instanceof Response) return thrown;
        throw thrown;
      });
      outgoing.writeHead(response.status);
      outgoing.end(await response.text());
    } catch (error) {
      outgoing.writeHead(500);
      outgoing.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
