/**
 * A JSON-RPC proxy between Ponte and a real Tryton, for the tests that need
 * the ERP to go down, or a call to hang at an exact point: before Tryton
 * sees it, or after Tryton has done it but before Ponte hears the answer
 * (the moment a crash must not turn into a second sale).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

interface Hold {
  method: string;
  when: "before-erp" | "after-erp";
  reached: () => void;
  release: Promise<void>;
}

export interface RpcProxy {
  url: string;
  /** While down, every call is cut off as if the ERP's host were unreachable. */
  setDown(down: boolean): void;
  /** Holds the next call to `method`; resolves once it is held, with a function that lets it go on. */
  hold(method: string, when: Hold["when"]): { reached: Promise<void>; release: () => void };
  /** Methods seen, in order. */
  calls: string[];
  close(): Promise<void>;
}

export async function startRpcProxy(target: string): Promise<RpcProxy> {
  let down = false;
  const holds: Hold[] = [];
  const calls: string[] = [];

  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    if (down) return void request.socket.destroy();
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const method = String((JSON.parse(body.toString("utf8") || "{}") as { method?: string }).method ?? "");
    calls.push(method);
    const hold = holds.find((h) => h.method === method);
    if (hold) holds.splice(holds.indexOf(hold), 1);
    if (hold?.when === "before-erp") {
      hold.reached();
      await hold.release;
    }
    const answer = await fetch(`${target}${request.url}`, {
      method: request.method,
      headers: { "Content-Type": "application/json", ...(request.headers.authorization ? { Authorization: request.headers.authorization } : {}) },
      body,
    }).catch(() => null);
    if (!answer) return void request.socket.destroy();
    const text = await answer.text();
    if (hold?.when === "after-erp") {
      hold.reached();
      await hold.release;
    }
    if (response.destroyed || request.socket.destroyed) return;
    response.writeHead(answer.status, { "Content-Type": answer.headers.get("content-type") ?? "application/json" });
    response.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    setDown: (value) => void (down = value),
    hold(method, when) {
      let reached!: () => void;
      let release!: () => void;
      const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
      const releasePromise = new Promise<void>((resolve) => (release = resolve));
      holds.push({ method, when, reached, release: releasePromise });
      return { reached: reachedPromise, release };
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
