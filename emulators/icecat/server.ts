/**
 * An Icecat live JSON emulator over real HTTP (`GET /api?lang=…&shopname=…&GTIN=…` or `&Brand=…&ProductCode=…`, an
 * optional `Api-Token` header), following Icecat's documented requests and its JSON error table (iceclog.com, "Which
 * JSON and XML Error Messages can I get using Icecat?"): a missing user or language is error 1, an unknown language 2,
 * an unknown user 3, no product identifier 4 (HTTP 400); a product of a brand that Open Icecat does not carry is error
 * 9 (HTTP 403) for a user without Full Icecat; a product Icecat does not have is error 8 (HTTP 404). An error's body
 * carries `Code` (the HTTP status), `Message` and `StatusCode` (the table's number), as Icecat's own clients read it.
 * Images are served from `/img/…` as small PNGs. Control: `POST /_control/sheets` replaces or adds a sheet;
 * `GET /_control/requests` lists the requests served.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readJsonBody, sendJson } from "../json-http";
import { DEMO_SHEETS, sheetJson, type EmulatedSheet } from "./sheets";

export interface IcecatEmulator {
  url: string;
  sheets: EmulatedSheet[];
  /** Every /api request served: its query and whether it carried an Api-Token. */
  requests: Array<{ query: Record<string, string>; token: string | null }>;
  close(): Promise<void>;
}

const LANGUAGES = new Set(["EN", "IT", "PL", "PT", "BR", "DE", "FR", "ES", "NL"]);
/** A 1x1 PNG: every emulated image. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

export async function startIcecatEmulator(options: {
  host?: string;
  port?: number;
  /** Open Icecat users; those in `fullIcecat` may also read every brand. */
  users?: string[];
  fullIcecat?: string[];
}): Promise<IcecatEmulator> {
  const users = new Set(options.users ?? ["ponte-demo"]);
  const full = new Set(options.fullIcecat ?? []);
  const sheets = DEMO_SHEETS.map((sheet) => structuredClone(sheet));
  const requests: IcecatEmulator["requests"] = [];
  let baseUrl = "";

  const error = (response: ServerResponse, http: number, code: number, message: string) =>
    sendJson(response, http, { Code: http, Message: message, StatusCode: code });

  async function serve(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", baseUrl);
    if (url.pathname.startsWith("/img/")) {
      response.writeHead(200, { "Content-Type": "image/png", "Content-Length": PNG.length });
      return response.end(PNG);
    }
    if (url.pathname === "/_control/requests") return sendJson(response, 200, requests);
    if (url.pathname === "/_control/sheets" && request.method === "POST") {
      const sheet = (await readJsonBody(request)) as EmulatedSheet;
      const index = sheets.findIndex((one) => one.icecatId === sheet.icecatId);
      if (index >= 0) sheets[index] = sheet;
      else sheets.push(sheet);
      return sendJson(response, 200, sheet);
    }
    if (url.pathname !== "/api" || request.method !== "GET") return sendJson(response, 404, { Code: 404, Message: "Not found" });
    const query = Object.fromEntries(url.searchParams);
    const token = typeof request.headers["api-token"] === "string" ? request.headers["api-token"] : null;
    requests.push({ query, token });
    const user = query.shopname ?? query.UserName ?? query.username;
    const lang = (query.lang ?? query.Language ?? "").toUpperCase();
    if (!user || !lang) return error(response, 400, 1, "UserName, and lang are mandatory fields");
    if (!LANGUAGES.has(lang)) return error(response, 400, 2, "Lang is unknown");
    if (!users.has(user)) return error(response, 400, 3, `${user} the Icecat user is unknown`);
    const gtin = query.GTIN ?? query.gtin;
    const brand = query.Brand ?? query.brand;
    const code = query.ProductCode ?? query.productcode;
    if (!gtin && !(brand && code)) return error(response, 400, 4, "Product identifier(s) is not correct");
    const sheet = sheets.find((one) =>
      gtin ? one.gtins.includes(gtin) : one.brand.toLowerCase() === brand!.toLowerCase() && one.productCode.toLowerCase() === code!.toLowerCase(),
    );
    if (!sheet) return error(response, 404, 8, "The requested product is not present in the Icecat database");
    if (sheet.fullIcecatOnly && !full.has(user))
      return error(
        response,
        403,
        9,
        "To access Full Icecat content, an app_key is required. Full Icecat users can find it on their My Profile page.",
      );
    return sendJson(response, 200, sheetJson(sheet, lang, baseUrl));
  }

  const server = createServer((request, response) => {
    serve(request, response).catch((failure: Error) => sendJson(response, 500, { Code: 500, Message: failure.message }));
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  baseUrl = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    url: baseUrl,
    sheets,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
