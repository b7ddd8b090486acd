// The benches' event-loop monitor (bench/support.cjs): a loop blocked by this process's own code
// must show as the largest gap and, where Linux reports scheduling, as time on a core, so a bench
// line can tell a blocked loop from a machine too busy to run it.
const assert = require("node:assert/strict");
const fs = require("node:fs");
const { loopDelayDuring } = require("../../bench/support.cjs");

const SCHEDSTAT = "/proc/thread-self/schedstat";
/** This thread's nanoseconds on a core, where Linux reports them. */
const onCpuNs = () => Number(fs.readFileSync(SCHEDSTAT, "utf8").split(" ")[0]);

/**
 * Keeps the main thread busy (a synchronous block, as a blocking saver makes) for `ms` on a core
 * where that can be read, so a busy machine that takes the core away only makes the block longer.
 */
function spin(ms) {
  if (!fs.existsSync(SCHEDSTAT)) {
    const until = performance.now() + ms;
    while (performance.now() < until);
    return;
  }
  const until = onCpuNs() + ms * 1e6;
  while (onCpuNs() < until);
}

describe("bench support: event-loop delay during work", function () {
  this.timeout(10_000);

  it("reports a 40 ms synchronous block as the largest gap, mostly on a core", async () => {
    const loop = await loopDelayDuring(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      spin(40);
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
    assert.ok(loop.maxGapMs >= 40, `largest gap ${loop.maxGapMs} ms`);
    assert.ok(loop.maxMs >= 30, `histogram max ${loop.maxMs} ms`);
    if (!fs.existsSync(SCHEDSTAT)) return this.skip();
    const { onCpuMs, waitingMs } = loop.maxGapSplit;
    // The block itself was on a core; what the machine's load added is waiting, never more than the gap.
    assert.ok(onCpuMs >= 40, `on a core ${onCpuMs} ms of ${loop.maxGapMs}`);
    assert.ok(onCpuMs + waitingMs <= loop.maxGapMs + 1, `split ${onCpuMs} + ${waitingMs} exceeds the gap ${loop.maxGapMs}`);
  });

  it("reports an idle loop's gaps as short", async () => {
    const loop = await loopDelayDuring(() => new Promise((resolve) => setTimeout(resolve, 50)));
    assert.ok(loop.maxGapMs < 40, `largest gap ${loop.maxGapMs} ms`);
  });
});
