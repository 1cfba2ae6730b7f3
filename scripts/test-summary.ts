/**
 * Prints the test run's closing line, "Summary: N passed, N failed, N skipped",
 * from vitest's JSON report, and fails a run that executed no test.
 */
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";

const reportSchema = z.object({
  numPassedTests: z.number(),
  numFailedTests: z.number(),
  numPendingTests: z.number(),
  numTodoTests: z.number().default(0),
});

const file = process.argv[2] ?? "test-results/vitest.json";
if (!existsSync(file)) {
  console.log("Summary: 0 passed, 1 failed (the test runner wrote no report)");
  process.exit(1);
}
const report = reportSchema.parse(JSON.parse(readFileSync(file, "utf8")));
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`\nSummary: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
if (report.numPassedTests === 0) {
  console.log("No test passed: a run that executes no test is a failure.");
  process.exit(1);
}
process.exit(report.numFailedTests > 0 ? 1 : 0);
