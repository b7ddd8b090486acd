// sameBytes compares what two byte arrays hold, whatever buffer or offset they view.
const assert = require("node:assert/strict");
const { sameBytes } = require("../../dist/patches/serde/same-bytes.js");

describe("serde: sameBytes", function () {
  it("compares the viewed bytes, not the buffers", function () {
    const buffer = new Uint8Array([9, 1, 2, 3, 9]).buffer;
    const view = new Uint8Array(buffer, 1, 3);
    assert.equal(sameBytes(view, new Uint8Array([1, 2, 3])), true);
    assert.equal(sameBytes(new Uint8Array([1, 2, 3]), view), true);
    assert.equal(sameBytes(view, new Uint8Array([1, 2, 4])), false);
    assert.equal(sameBytes(view, new Uint8Array([1, 2, 3, 9])), false, "a longer array");
    assert.equal(sameBytes(new Uint8Array(0), Buffer.alloc(0)), true);
  });
});
