// A self-check that waits for the first call (shim/first-use-check.ts), on plain objects swapped
// through the real registry: the gate runs the check once, then gives way to ours or the host's.
const assert = require("node:assert/strict");
const { PendingCheck } = require("../../dist/shim/first-use-check.js");
const { SwapRegistry, ORIGINAL } = require("../../dist/shim/registry.js");

function swapped(ours) {
  const registry = new SwapRegistry();
  const target = { twice: (x) => x * 2 };
  const host = target.twice;
  const swap = registry.begin("tasks", "test");
  swap.replace(target, "twice", ours);
  return { registry, target, host, swap };
}

describe("self-checks at first use", function () {
  it("runs the check once, at the first call, then puts our function itself in place", function () {
    const ours = (x) => x + x;
    const { target, swap, host } = swapped(ours);
    let runs = 0;
    const check = new PendingCheck("tasks", () => {
      runs++;
      // The check calls what it checks: ours, not the gate again.
      assert.equal(target.twice(21), 42);
      return true;
    });
    assert.equal(check.gate(swap), true);
    assert.notEqual(target.twice, ours, "a gate stands in the slot");
    assert.equal(target.twice[ORIGINAL], host, "the gate carries the host's original");
    assert.equal(target.twice.name, ours.name);
    assert.equal(runs, 0, "nothing ran at import");
    const gate = target.twice;
    assert.equal(target.twice(5), 10);
    assert.equal(runs, 1);
    assert.equal(target.twice, ours, "ours replaced the gate");
    assert.equal(gate(7), 14, "a copy of the gate forwards to ours");
    assert.equal(runs, 1);
  });

  it("a failed check leaves the host's code in place, and the first call goes to it", function () {
    const { registry, target, swap, host } = swapped(() => -1);
    const check = new PendingCheck("tasks", () => {
      registry.restore("tasks");
      return false;
    });
    check.gate(swap);
    const gate = target.twice;
    assert.equal(target.twice(5), 10, "the host's answer");
    assert.equal(target.twice, host);
    assert.equal(gate(4), 8, "a copy of the gate forwards to the host's");
  });

  it("a check cancelled by unpatch() never runs; its gates forward to the host's", function () {
    const { registry, target, swap } = swapped(() => -1);
    let runs = 0;
    const check = new PendingCheck("tasks", () => {
      runs++;
      return true;
    });
    check.gate(swap);
    const gate = target.twice;
    check.cancel();
    registry.restore();
    assert.equal(gate(3), 6);
    assert.equal(runs, 0);
    assert.equal(check.waiting, false);
  });

  it("does not gate a class (subclasses and instanceof need the class itself)", function () {
    const registry = new SwapRegistry();
    const target = { Saver: class Host {} };
    const swap = registry.begin("memory", "test");
    class Ours extends target.Saver {}
    swap.replace(target, "Saver", Ours);
    const check = new PendingCheck("memory", () => true);
    assert.equal(check.gate(swap), false);
    assert.equal(target.Saver, Ours);
    assert.equal(check.waiting, true, "the caller runs such a check at once");
  });

  it("passes `this` and every argument through the gate", function () {
    const ours = function (a, b) {
      return [this.tag, a, b];
    };
    const registry = new SwapRegistry();
    const proto = { method() {} };
    const swap = registry.begin("serde", "test");
    swap.replace(proto, "method", ours);
    new PendingCheck("serde", () => true).gate(swap);
    const instance = Object.create(proto);
    instance.tag = "me";
    assert.deepEqual(instance.method(1, 2), ["me", 1, 2]);
  });
});
