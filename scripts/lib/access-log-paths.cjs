/**
 * Preloaded into the app server (`node --require`) before remix-serve: its
 * access log (morgan's "tiny" format) then prints each request's path without
 * its query string. Shopify puts secrets there: the session token (id_token)
 * on every embedded load, hmac and session on the admin's first request.
 * morgan looks its tokens up when it writes each line, so redefining `url`
 * here changes the line remix-serve writes.
 */
// A CommonJS file on purpose: node --require loads it before remix-serve requires morgan.
// eslint-disable-next-line @typescript-eslint/no-require-imports, no-undef
const morgan = require("morgan");

morgan.token("url", (request) => String(request.originalUrl || request.url || "").split("?")[0]);
