// GIVEN answers from outside that do not fit what Ponte reads
// WHEN they are parsed at the edge
// THEN they become ContractViolationError naming who answered, what and where it did not fit; good ones pass unchanged
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseAnswer, parseJsonAnswer } from "../../app/services/edges/parse-answer";
import { ContractViolationError, isRetryable } from "../../app/services/errors";

const salePoint = z.object({ id: z.number(), name: z.string() });

describe("parsing an answer at the edge", () => {
  it("passes an answer that fits", () => {
    expect(parseAnswer(salePoint, { id: 101, name: "Milano" }, "Cassa in Cloud (GET /salespoint)")).toEqual({ id: 101, name: "Milano" });
  });

  it("refuses one that does not fit, naming who, what and where, as a final failure", () => {
    const failure = (() => {
      try {
        return parseAnswer(salePoint, { id: "101" }, "Cassa in Cloud (GET /salespoint)");
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(ContractViolationError);
    expect(isRetryable(failure)).toBe(false);
    expect((failure as Error).message).toMatch(/^Cassa in Cloud \(GET \/salespoint\) answered something Ponte cannot read \(id: .+; name: .+\)$/);
  });

  it("refuses a body that is not JSON, and reads an empty one as {}", () => {
    expect(() => parseJsonAnswer("<html>Bad gateway</html>", "the ERP (GET /health)")).toThrow(ContractViolationError);
    expect(() => parseJsonAnswer("<html>Bad gateway</html>", "the ERP (GET /health)")).toThrow(/not JSON \(<html>Bad gateway/);
    expect(parseJsonAnswer("", "x")).toEqual({});
  });
});
