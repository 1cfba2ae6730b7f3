/**
 * Where an ERP secret goes, pure, shared by the server (which refuses to send
 * a saved key anywhere else) and the ERP page (which shows the saved key's
 * hint only while it would be used): the same kind, the same address (a
 * trailing slash aside) and, for Tryton, the same database and login.
 */
export interface ErpDestination {
  kind: unknown;
  url: unknown;
  database?: unknown;
  login?: unknown;
}

const address = (value: unknown) => (typeof value === "string" ? value.trim().replace(/\/+$/, "") : null);
const text = (value: unknown) => (typeof value === "string" ? value : "");

export function sameErpDestination(saved: ErpDestination, given: ErpDestination): boolean {
  if (saved.kind !== given.kind) return false;
  const savedUrl = address(saved.url);
  if (savedUrl === null || savedUrl !== address(given.url)) return false;
  if (saved.kind !== "tryton") return true;
  return text(saved.database) === text(given.database) && text(saved.login) === text(given.login);
}
