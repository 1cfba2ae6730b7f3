// GIVEN Ponte's one way of calling a system over HTTP (the HTTP ERP, Tryton, Cassa in Cloud, Icecat) and real HTTP
//       servers on this machine
// WHEN it posts JSON, meets a slow, failing or redirecting server, or calls one that is not there
// THEN it sends what was asked, reads the answer as fetch did, times the whole call out, follows a redirect only within
//      the address's own origin (the key never goes elsewhere), keeps connections open between calls, and says
//      "unavailable" only for no answer, 429 and 5xx
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callHttp, type HttpSystem } from "../../app/services/edges/http-transport";
import { UnavailableError } from "../../app/services/errors";

interface Seen {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  socket: number;
}

/** A server that records each request and answers as `answer` says. */
async function recordingServer(answer: (seen: Seen, response: http.ServerResponse) => void) {
  const seen: Seen[] = [];
  const sockets = new WeakMap<object, number>();
  let nextSocket = 0;
  const server = http.createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      if (!sockets.has(request.socket)) sockets.set(request.socket, ++nextSocket);
      const one = { method: request.method!, path: request.url!, headers: request.headers, body, socket: sockets.get(request.socket)! };
      seen.push(one);
      answer(one, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { seen, url, close };
}

const system: HttpSystem = {
  name: "the test ERP",
  unavailable: (message) => new UnavailableError(message),
  detailOf: (body) => (JSON.parse(body) as { error?: string }).error ?? null,
};

type Server = Awaited<ReturnType<typeof recordingServer>>;
let main: Server;
let elsewhere: Server;

beforeAll(async () => {
  elsewhere = await recordingServer((_seen, response) => response.end("{}"));
  main = await recordingServer((seen, response) => {
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { "Content-Type": "application/json", ...headers });
      response.end(JSON.stringify(value));
    };
    if (seen.path === "/echo") return json(201, { method: seen.method, body: seen.body });
    if (seen.path === "/bom") {
      response.writeHead(200, { "Content-Type": "application/json; charset=utf-8" });
      return response.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ name: "Caffè" }), "utf8")]));
    }
    if (seen.path === "/busy") return json(503, { error: "down for maintenance" });
    if (seen.path === "/slow-body") {
      response.writeHead(200, { "Content-Type": "application/json" });
      response.write('{"partial":');
      return; // the rest never comes
    }
    if (seen.path === "/moved-307") return json(307, {}, { Location: "/echo" });
    if (seen.path === "/moved-303") return json(303, {}, { Location: "/echo" });
    if (seen.path === "/moved-away") return json(307, {}, { Location: `${elsewhere.url}/echo` });
    if (seen.path === "/refused") return json(422, { error: "no such customer" });
    // A server closing a kept-open connection just as the next call arrives on it: the call is never answered there.
    if (seen.path === "/closes-reused" && main.seen.filter((one) => one.socket === seen.socket).length > 1) return response.socket?.destroy();
    if (seen.path === "/closes-reused") return json(200, { on: seen.socket });
    json(404, {});
  });
});
afterAll(async () => {
  await main.close();
  await elsewhere.close();
});

describe("calling a system over HTTP", () => {
  it("sends the method, the JSON body and the headers asked for, and reads the answer's status and text", async () => {
    const answer = await callHttp(system, {
      method: "POST",
      url: `${main.url}/echo`,
      headers: { "X-Api-Key": "k-1" },
      body: { sku: "CAF-1", qty: 2 },
      timeoutMs: 5_000,
    });
    expect(answer.status).toBe(201);
    expect(answer.ok).toBe(true);
    expect(JSON.parse(answer.text)).toEqual({ method: "POST", body: '{"sku":"CAF-1","qty":2}' });
    const request = main.seen.at(-1)!;
    expect(request.headers).toMatchObject({
      "content-type": "application/json",
      accept: "application/json",
      "x-api-key": "k-1",
      "content-length": "23",
    });
  });

  it("reads the answer as UTF-8 without its byte-order mark, as fetch did", async () => {
    const answer = await callHttp(system, { method: "GET", url: `${main.url}/bom`, timeoutMs: 5_000 });
    expect(JSON.parse(answer.text)).toEqual({ name: "Caffè" });
  });

  it("returns a refusal for the adapter to read, and makes 5xx, no answer and a timeout unavailable, with the system's detail", async () => {
    const refused = await callHttp(system, { method: "POST", url: `${main.url}/refused`, body: {}, timeoutMs: 5_000 });
    expect(refused).toMatchObject({ status: 422, ok: false });

    await expect(callHttp(system, { method: "GET", url: `${main.url}/busy`, timeoutMs: 5_000, what: "GET /busy" })).rejects.toThrow(
      new UnavailableError("the test ERP answered HTTP 503 to GET /busy: down for maintenance"),
    );
    expect(await callHttp(system, { method: "GET", url: `${main.url}/busy`, timeoutMs: 5_000, readStatuses: [503] })).toMatchObject({ status: 503 });

    const started = Date.now();
    await expect(callHttp(system, { method: "GET", url: `${main.url}/slow-body`, timeoutMs: 300 })).rejects.toThrow(
      new UnavailableError("the test ERP did not answer (timeout after 0.3 s)"),
    );
    expect(Date.now() - started).toBeLessThan(3_000);

    const nobody = await recordingServer(() => undefined);
    await nobody.close();
    await expect(callHttp(system, { method: "GET", url: `${nobody.url}/echo`, timeoutMs: 5_000 })).rejects.toThrow(
      /^the test ERP did not answer \(.*ECONNREFUSED/,
    );
  });

  it("follows a redirect within the same origin as fetch would, and answers one to another origin with the redirect itself, never sending it the key", async () => {
    const kept = await callHttp(system, {
      method: "POST",
      url: `${main.url}/moved-307`,
      headers: { "X-Api-Key": "k-2" },
      body: { a: 1 },
      timeoutMs: 5_000,
    });
    expect(JSON.parse(kept.text)).toEqual({ method: "POST", body: '{"a":1}' });
    expect(main.seen.at(-1)!.headers["x-api-key"]).toBe("k-2");

    const seeOther = await callHttp(system, { method: "POST", url: `${main.url}/moved-303`, body: { a: 1 }, timeoutMs: 5_000 });
    expect(JSON.parse(seeOther.text)).toEqual({ method: "GET", body: "" });

    const away = await callHttp(system, {
      method: "POST",
      url: `${main.url}/moved-away`,
      headers: { "X-Api-Key": "k-3" },
      body: { a: 1 },
      timeoutMs: 5_000,
    });
    expect(away).toMatchObject({ status: 307, ok: false });
    expect(elsewhere.seen).toEqual([]);
  });

  it("sends a call again, once, on a new connection when the server closed the kept-open one as the call went out", async () => {
    const first = await callHttp(system, { method: "POST", url: `${main.url}/closes-reused`, body: { n: 1 }, timeoutMs: 5_000 });
    const second = await callHttp(system, { method: "POST", url: `${main.url}/closes-reused`, body: { n: 2 }, timeoutMs: 5_000 });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    const [one, two] = [JSON.parse(first.text) as { on: number }, JSON.parse(second.text) as { on: number }];
    expect(two.on).not.toBe(one.on);
    // The second call reached the server twice: on the closed connection (never answered), then on a new one.
    expect(main.seen.filter((seen) => seen.body === '{"n":2}')).toHaveLength(2);
  });

  it("keeps the connection open between calls instead of opening one a call", async () => {
    const before = main.seen.length;
    for (let n = 0; n < 20; n++) await callHttp(system, { method: "POST", url: `${main.url}/echo`, body: { n }, timeoutMs: 5_000 });
    const sockets = new Set(main.seen.slice(before).map((seen) => seen.socket));
    expect(sockets.size).toBe(1);
  });
});
