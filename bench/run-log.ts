/**
 * `node --import tsx bench/run-log.ts [lines] [naiveLines]`
 *
 * A run that logs LINES lines (default 100,000: one per failed item of a
 * large push) through Ponte's run handle, timed per tenth of the run: a log
 * that appends stays as fast at its end as at its start. Beside it, in the
 * same database, the naive way (the whole log one JSON column, rewritten with
 * each line, as Ponte kept it before) for NAIVELINES lines (default 10,000).
 */
import { runLog, runTracked } from "../app/services/runs/job-runs.server";
import { BENCH_SHOP as shop, startBenchDatabase } from "./support/bench-harness";

const lines = Number(process.argv[2] ?? 100_000);
const naiveLines = Number(process.argv[3] ?? 10_000);
const { db, stop } = await startBenchDatabase();

const tenths = (total: number) => Math.max(1, Math.floor(total / 10));
const msPerLine = (ms: number, count: number) => (ms / count).toFixed(3);

try {
  const ponte: number[] = [];
  await runTracked(db, { shop, kind: "stock-push", trigger: "manual" }, async (run) => {
    let started = performance.now();
    for (let line = 1; line <= lines; line++) {
      await run.log(`SKU-${line} at Milano: not set to 3: the location does not stock it`, "error");
      if (line % tenths(lines) === 0) {
        ponte.push(performance.now() - started);
        started = performance.now();
      }
    }
    return { failed: lines };
  });
  const [run] = await db.jobRun.findMany({ where: { shop }, take: 1 });
  const kept = (await runLog(db, run!.id)).length;

  await db.$executeRawUnsafe(`create table naive_run (id int primary key, log jsonb not null default '[]')`);
  await db.$executeRawUnsafe(`insert into naive_run (id) values (1)`);
  const naive: number[] = [];
  let started = performance.now();
  for (let line = 1; line <= naiveLines; line++) {
    const entry = JSON.stringify([
      { at: new Date().toISOString(), level: "error", message: `SKU-${line} at Milano: not set to 3: the location does not stock it` },
    ]);
    await db.$executeRaw`update naive_run set log = log || ${entry}::jsonb where id = 1`;
    if (line % tenths(naiveLines) === 0) {
      naive.push(performance.now() - started);
      started = performance.now();
    }
  }

  console.log(`Ponte: ${lines} lines logged (${kept} kept); ms per line by tenth of the run:`);
  console.log(`  ${ponte.map((ms) => msPerLine(ms, tenths(lines))).join("  ")}`);
  console.log(`  last tenth / first tenth: ${(ponte.at(-1)! / ponte[0]!).toFixed(2)}x`);
  console.log(`Naive (one JSON column rewritten per line): ${naiveLines} lines; ms per line by tenth:`);
  console.log(`  ${naive.map((ms) => msPerLine(ms, tenths(naiveLines))).join("  ")}`);
  console.log(`  last tenth / first tenth: ${(naive.at(-1)! / naive[0]!).toFixed(2)}x`);
} finally {
  await stop();
}
