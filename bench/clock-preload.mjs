// Loaded with `node --import` into a reader the benchmark starts: moves `Date.now` so that the
// benchmark database's fixed clock (MESHVIEW_BENCH_NOW_MS at start) is now, as the in-process
// benchmark does; the reader's windows ("the last 24 hours") then find the database's traffic.
const target = Number(process.env.MESHVIEW_BENCH_NOW_MS);
if (Number.isFinite(target)) {
  const realNow = Date.now;
  const offsetMs = target - realNow();
  Date.now = () => realNow() + offsetMs;
}
