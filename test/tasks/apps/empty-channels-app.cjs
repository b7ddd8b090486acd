// Under the shim: createCheckpoint (ours, skipping known-empty channels) against the host's own
// function underneath it, on channels of every kind, empty and not, and on a user's subclass.
const path = require("node:path");
const channels = require("@langchain/langgraph/channels");
const { emptyCheckpoint } = require("@langchain/langgraph-checkpoint");
const { unpatch } = require("../../../dist/index.js");

const main = require.resolve("@langchain/langgraph");
const base = require(path.join(main.slice(0, main.lastIndexOf(`${path.sep}dist${path.sep}`) + 6), "channels", "base.cjs"));
const ORIGINAL = Symbol.for("langgraph-native.original");
const ours = base.createCheckpoint;
const host = ours[ORIGINAL];

/** A user's channel: empty like EphemeralValue, yet it checkpoints as null instead of throwing. */
class NullWhenEmpty extends channels.EphemeralValue {
  checkpoint() {
    return this.value.length === 0 ? null : this.value[0];
  }
}
/** A user's subclass that only overrides isAvailable: the host must still be asked. */
class AlwaysAvailable extends channels.LastValue {
  isAvailable() {
    return true;
  }
}
class Broken extends channels.LastValue {
  checkpoint() {
    throw new TypeError("broken channel");
  }
}

function build({ filled }) {
  const set = (channel, value) => (filled && channel.update([value]), channel);
  const all = {
    ephemeral: set(new channels.EphemeralValue(), "e"),
    last: set(new channels.LastValue(), "l"),
    any: set(new channels.AnyValue(), "a"),
    sum: set(new channels.BinaryOperatorAggregate((a, b) => a + b), 2),
    summed: new channels.BinaryOperatorAggregate((a, b) => a + b, () => 0),
    topic: set(new channels.Topic(), "t"),
    afterFinish: set(new channels.LastValueAfterFinish(), "f"),
    barrier: new channels.NamedBarrierValue(new Set(["x"])),
    userNull: set(new NullWhenEmpty(), "u"),
    userAvailable: new AlwaysAvailable(),
    "12": set(new channels.LastValue(), "numeric key"),
  };
  Object.defineProperty(all, "__proto__", { value: set(new channels.LastValue(), "p"), enumerable: true });
  return all;
}

function compare(channelSet, step) {
  const outcome = (fn) => {
    try {
      const { ts, ...rest } = fn(emptyCheckpoint(), channelSet, step, { id: "fixed" });
      return { keys: Object.keys(rest.channel_values), checkpoint: rest };
    } catch (error) {
      return { error: `${error.name}: ${error.message}` };
    }
  };
  return { ours: outcome(ours), host: outcome(host) };
}

const results = {
  swapped: typeof host === "function",
  empty: compare(build({ filled: false }), 1),
  filled: compare(build({ filled: true }), 2),
  mixed: compare({ ...build({ filled: false }), filled: build({ filled: true }).last }, 3),
  broken: compare({ a: new channels.EphemeralValue(), b: new Broken() }, 4),
  noChannels: compare(undefined, 5),
};
results.restored = unpatch() > 0 && channels.createCheckpoint === host && base.createCheckpoint === host;
console.log(JSON.stringify(results));
