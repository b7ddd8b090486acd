// createCheckpoint without an exception per empty channel. The host's createCheckpoint asks every
// channel for its checkpoint() and catches the EmptyChannelError of the empty ones. In a graph of
// n nodes, the n "branch:to:<node>" channels are empty at almost every step, so a 1,000-node chain
// built 1,000 errors (each with a stack trace) per step: 17% of its run time.
//
// The host's own channel classes whose checkpoint() throws exactly when isAvailable() is false
// (EphemeralValue, LastValue, AnyValue, BinaryOperatorAggregate) are learned as their files load,
// after a probe of that contract. createCheckpoint then gets the channels minus those that are
// empty; the host's function still does all the work on the rest (user channels, topics,
// barriers, delta channels, snapshots), so its result is the same object it would have built.
import { copiedExportPatch } from "../copied-exports";
import { buildFileOf, tasksBuildFilePatch } from "./build-file-patch";
import { LANGGRAPH } from "../supported-hosts";
import { PartNotApplicable, type ComponentPatch, type ModuleSystem } from "../types";
import { hasOwn, setOwn } from "../own-properties";

/** checkpoint() of a host channel class -> the isAvailable() it agrees with. */
const emptyWhenUnavailable = new WeakMap<Function, Function>();

type Channel = { checkpoint?: Function; isAvailable?: Function; update?: Function };
type ChannelClass = new (...args: any[]) => Channel;

/** The files and exported class names whose contract the probe confirms. */
const CHANNEL_FILES: ReadonlyArray<[file: string, className: string, make: (Cls: ChannelClass) => Channel]> = [
  ["channels/ephemeral_value", "EphemeralValue", (Cls) => new Cls()],
  ["channels/last_value", "LastValue", (Cls) => new Cls()],
  ["channels/any_value", "AnyValue", (Cls) => new Cls()],
  ["channels/binop", "BinaryOperatorAggregate", (Cls) => new Cls((_: unknown, b: unknown) => b)],
];


/** Empty: unavailable and checkpoint() throws EmptyChannelError; after one update: both agree. */
function confirmsContract(make: () => Channel): boolean {
  const channel = make();
  if (typeof channel.checkpoint !== "function" || typeof channel.isAvailable !== "function" || typeof channel.update !== "function") return false;
  if (channel.isAvailable() !== false) return false;
  try {
    channel.checkpoint();
    return false;
  } catch (error) {
    if ((error as Error)?.name !== "EmptyChannelError") return false;
  }
  channel.update([1]);
  return channel.isAvailable() === true && channel.checkpoint() === 1;
}

function channelClassCollector(system: ModuleSystem, [name, className, make]: (typeof CHANNEL_FILES)[number]): ComponentPatch {
  return tasksBuildFilePatch(system, {
    path: name,
    replaces: `createCheckpoint helper ${buildFileOf(name, system)}`,
    apply(moduleExports) {
      const Cls = moduleExports[className] as ChannelClass | undefined;
      const proto = Cls?.prototype;
      // A class that breaks the contract keeps being asked by the host, as before: not an error.
      if (typeof Cls !== "function" || !confirmsContract(() => make(Cls))) return;
      emptyWhenUnavailable.set(proto.checkpoint, proto.isAvailable);
    },
  });
}

/** `channels` without the known-empty ones; the same object when none is skipped. */
export function withoutEmptyChannels(channels: Record<string, Channel>, keep: { has(name: string): boolean } | undefined) {
  let kept: Record<string, Channel> | undefined;
  let index = 0;
  const names: string[] = [];
  for (const name in channels) {
    if (!hasOwn.call(channels, name)) continue;
    const channel = channels[name];
    const isAvailable = channel == null ? undefined : emptyWhenUnavailable.get(channel.checkpoint as Function);
    if (isAvailable !== undefined && channel.isAvailable === isAvailable && !keep?.has(name) && !isAvailable.call(channel)) {
      // First skip: copy the names kept so far, in their order.
      if (kept === undefined) {
        kept = {};
        for (let i = 0; i < index; i++) setOwn(kept, names[i], channels[names[i]]);
      }
      continue;
    }
    if (kept !== undefined) setOwn(kept, name, channel);
    else names[index++] = name;
  }
  return kept ?? channels;
}

function createCheckpointPatch(system: ModuleSystem): ComponentPatch {
  return tasksBuildFilePatch(system, {
    path: "channels/base",
    replaces: "createCheckpoint (skips empty channels without an exception each)",
    apply(moduleExports, swap, _context, file) {
      const hostCreateCheckpoint = moduleExports.createCheckpoint;
      if (typeof hostCreateCheckpoint !== "function") throw new PartNotApplicable(`${file} has no createCheckpoint`);
      function createCheckpoint(this: unknown, checkpoint: unknown, channels: Record<string, Channel> | undefined, step: unknown, options?: { channelsToSnapshot?: Set<string> }) {
        const args = [...arguments];
        if (channels != null) args[1] = withoutEmptyChannels(channels, options?.channelsToSnapshot);
        return hostCreateCheckpoint.apply(this, args);
      }
      swap.replace(moduleExports, "createCheckpoint", createCheckpoint);
    },
  });
}

export function emptyChannelPatches(system: ModuleSystem): ComponentPatch[] {
  return [
    ...CHANNEL_FILES.map((entry) => channelClassCollector(system, entry)),
    createCheckpointPatch(system),
    // `@langchain/langgraph/channels` copies createCheckpoint when it loads: unpatch() restores it too.
    copiedExportPatch("tasks", LANGGRAPH, [buildFileOf("channels/index", system)], "createCheckpoint", "js-only"),
  ];
}
