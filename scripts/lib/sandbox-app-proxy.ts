/**
 * The sandbox's front door to the app server. The app answers as it would to
 * Shopify: its Content-Security-Policy lets only Shopify's admin origins
 * frame it, and it preloads App Bridge from Shopify's CDN. Offline, the admin
 * frame is the emulator's origin and the CDN cannot be reached, so this proxy
 * adds the emulator's origin to frame-ancestors and drops the CDN preload;
 * everything else passes through untouched. It exists only in the sandbox:
 * the app itself has no switch for it.
 */
import { createServer, request as forward, type IncomingHttpHeaders, type Server } from "node:http";

export interface SandboxAppProxy {
  server: Server;
  close(): Promise<void>;
}

export function adaptHeaders(headers: IncomingHttpHeaders, adminOrigin: string): IncomingHttpHeaders {
  const adapted = { ...headers };
  const csp = adapted["content-security-policy"];
  if (typeof csp === "string" && csp.includes("frame-ancestors")) {
    adapted["content-security-policy"] = csp.replace("frame-ancestors", `frame-ancestors ${adminOrigin}`);
  }
  const link = adapted.link;
  if (typeof link === "string" && link.includes("cdn.shopify.com")) delete adapted.link;
  return adapted;
}

export async function startSandboxAppProxy(options: {
  host: string;
  port: number;
  targetPort: number;
  adminOrigin: string;
}): Promise<SandboxAppProxy> {
  const server = createServer((incoming, outgoing) => {
    const upstream = forward(
      { host: options.host, port: options.targetPort, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, adaptHeaders(response.headers, options.adminOrigin));
        response.pipe(outgoing);
      },
    );
    upstream.on("error", (error) => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { "Content-Type": "text/plain" });
      outgoing.end(`the app server did not answer: ${error.message}`);
    });
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return { server, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
