// GIVEN errors PostgreSQL's refusals arrive as: pg's DatabaseError and Prisma's raw query error (shapes as captured
//       from this project's own integration run, a body with \u0000 stored through each)
// WHEN postgresRefusal reads them
// THEN both give PostgreSQL's SQLSTATE, never Prisma's own code (P2010, shaped like one), and the message
import { describe, expect, it } from "vitest";
import { postgresRefusal } from "../../app/services/database/sql-runner.server";

describe("what PostgreSQL said", () => {
  it("reads pg's DatabaseError", () => {
    const error = Object.assign(new Error("unsupported Unicode escape sequence"), { code: "22P05", severity: "ERROR" });
    expect(postgresRefusal(error)).toEqual({ code: "22P05", message: "unsupported Unicode escape sequence" });
  });

  it("reads Prisma's raw query error from its driver adapter's cause, or from its message, not its own code", () => {
    const message =
      "\nInvalid `prisma.$queryRawUnsafe()` invocation:\n\n\nRaw query failed. Code: `22P05`. Message: `unsupported Unicode escape sequence`";
    const cause = { originalCode: "22P05", kind: "postgres", code: "22P05", message: "unsupported Unicode escape sequence" };
    const prisma = Object.assign(new Error(message), { code: "P2010", meta: { driverAdapterError: { name: "DriverAdapterError", cause } } });
    expect(postgresRefusal(prisma)).toEqual({ code: "22P05", message });
    expect(postgresRefusal(Object.assign(new Error(message), { code: "P2010", meta: {} })).code).toBe("22P05");
    expect(postgresRefusal(Object.assign(new Error("Raw query failed."), { code: "P2010", meta: {} })).code).toBeNull();
  });

  it("names no code for an error that is not PostgreSQL's", () => {
    expect(postgresRefusal(new Error("socket hang up"))).toEqual({ code: null, message: "socket hang up" });
    expect(postgresRefusal(undefined)).toEqual({ code: null, message: "" });
  });
});
