// The swap registry restores exactly what was there: values, accessors, attributes, absence.
const assert = require("node:assert/strict");
const { SwapRegistry, ORIGINAL } = require("../../dist/shim/registry");

describe("swap registry", function () {
  it("replaces a method, marks the replacement with the original and restores it", function () {
    class Host { greet() { return "host"; } }
    const original = Host.prototype.greet;
    const registry = new SwapRegistry();
    const swap = registry.begin("serde", "host@1 (cjs)");
    const replacement = function greet() { return "native"; };
    swap.replace(Host.prototype, "greet", replacement);
    assert.equal(new Host().greet(), "native");
    assert.equal(replacement[ORIGINAL], original);
    assert.equal(registry.recordsOf("serde").length, 1);
    assert.equal(registry.restore("serde"), 1);
    assert.equal(Host.prototype.greet, original);
    assert.deepEqual(Object.getOwnPropertyDescriptor(Host.prototype, "greet"), {
      value: original, writable: true, enumerable: false, configurable: true,
    });
  });

  it("restores an accessor and removes a property that did not exist", function () {
    const target = {};
    const getter = () => 1;
    Object.defineProperty(target, "lazy", { get: getter, configurable: true, enumerable: true });
    const registry = new SwapRegistry();
    const swap = registry.begin("memory", "x");
    swap.replace(target, "lazy", 2);
    swap.replace(target, "added", 3);
    assert.equal(target.lazy, 2);
    registry.restore();
    assert.equal(Object.getOwnPropertyDescriptor(target, "lazy").get, getter);
    assert.equal(Object.prototype.hasOwnProperty.call(target, "added"), false);
  });

  it("never swaps the same property twice, so the original is not lost", function () {
    const target = { f() { return 1; } };
    const original = target.f;
    const registry = new SwapRegistry();
    registry.begin("serde", "cjs").replace(target, "f", () => 2);
    registry.begin("serde", "esm").replace(target, "f", () => 3);
    assert.equal(target.f(), 2);
    registry.restore();
    assert.equal(target.f, original);
  });

  it("rolls back a transaction that fails half-way, leaving other components alone", function () {
    const target = { a: 1, b: 2, other: 0 };
    Object.defineProperty(target, "locked", { value: 9, configurable: false, writable: false });
    const registry = new SwapRegistry();
    registry.begin("tools", "t").replace(target, "other", 5);
    const swap = registry.begin("serde", "s");
    swap.replace(target, "a", 10);
    swap.replace(target, "b", 20);
    assert.throws(() => swap.replace(target, "locked", 0), TypeError);
    swap.rollback();
    assert.deepEqual({ a: target.a, b: target.b, other: target.other, locked: target.locked }, { a: 1, b: 2, other: 5, locked: 9 });
    assert.equal(registry.recordsOf("serde").length, 0);
    assert.equal(registry.recordsOf("tools").length, 1);
  });

  it("restores newest first, so stacked swaps of one component unwind in order", function () {
    const target = { f: "original" };
    const registry = new SwapRegistry();
    const swap = registry.begin("serde", "s");
    swap.replace(target, "f", "first");
    const other = { g: "g0" };
    swap.replace(other, "g", "g1");
    assert.equal(registry.restore("serde"), 2);
    assert.equal(target.f, "original");
    assert.equal(other.g, "g0");
  });
});
