// createCheckpoint under the shim skips the host's known-empty channels instead of catching an
// EmptyChannelError for each; its checkpoints must be the host function's own, channel for channel.
const assert = require("node:assert/strict");
const path = require("node:path");
const { runApp, lastJson } = require("../support/run-app.cjs");

describe("tasks: createCheckpoint without an exception per empty channel", function () {
  this.timeout(60000);
  let out;
  before(function () {
    const result = runApp(path.join(__dirname, "apps", "empty-channels-app.cjs"), { preload: "require" });
    assert.equal(result.code, 0, result.stderr);
    out = lastJson(result.stdout);
  });

  it("is swapped in, with the host's function underneath", function () {
    assert.equal(out.swapped, true);
  });

  for (const name of ["empty", "filled", "mixed"]) {
    it(`builds the host's checkpoint from ${name} channels of every kind`, function () {
      assert.ok(out[name].ours.checkpoint, JSON.stringify(out[name].ours));
      assert.deepEqual(out[name].ours, out[name].host);
    });
  }

  it("asks a user's channel classes as the host does (a subclass's own checkpoint or isAvailable)", function () {
    // NullWhenEmpty checkpoints as null when empty; AlwaysAvailable throws EmptyChannelError.
    assert.equal(out.empty.ours.checkpoint.channel_values.userNull, null);
    assert.ok(!out.empty.ours.keys.includes("userAvailable"));
    assert.ok(!out.empty.ours.keys.includes("ephemeral"));
  });

  it("lets another error from a channel through, and passes a missing channel map on", function () {
    assert.equal(out.broken.ours.error, "TypeError: broken channel");
    assert.deepEqual(out.noChannels.ours, out.noChannels.host);
  });

  it("unpatch() restores it, and the copy in @langchain/langgraph/channels", function () {
    assert.equal(out.restored, true);
  });
});
