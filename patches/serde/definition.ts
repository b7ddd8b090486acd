// The native serializer declared as data: which file, what it swaps, how it is checked. It swaps
// the prototype methods of each loaded JsonPlusSerializer class, because the default serde of
// every saver and cache is built inside the host from the module-internal class (and user
// subclasses must inherit it): only the prototype reaches all of them. The class is hooked in
// the file that defines it, dist/serde/jsonplus: some releases' index (1.2.1) does not export it.
import { ORIGINAL } from "../../shim/registry";
import { internalsOf } from "../host-internals";
import { CHECKPOINT } from "../supported-hosts";
import type { ComponentPatch, PatchContext } from "../types";
import { resolveHostCore, type HostCore } from "./host-core";
import { createNativeSerializer, type HostSerializerMethods, type NativeSerializer } from "./native-serializer";
import { checkSerializer, messageProbe, plainProbe } from "./self-check";

const SWAPPED_METHODS = ["_dumps", "_loads", "dumpsTyped", "loadsTyped"] as const;

interface Swapped {
  native: NativeSerializer;
  core: HostCore;
}

/** Per serializer class (CJS and ESM builds are distinct classes): what the self-check inspects. */
const swappedClasses = new WeakMap<object, Swapped>();

function hostClasses(moduleExports: Record<string, any>, context: PatchContext) {
  const serializerClass = moduleExports.JsonPlusSerializer;
  // jsonplus imports DeltaSnapshot from serde/types, which therefore loaded first.
  const DeltaSnapshot = internalsOf(context, CHECKPOINT, "serdeTypes").DeltaSnapshot;
  if (typeof serializerClass !== "function") throw new Error("the module moduleExports no JsonPlusSerializer class");
  if (typeof DeltaSnapshot !== "function") throw new Error("serde/types moduleExports no DeltaSnapshot class");
  return { serializerClass, DeltaSnapshot };
}

/** The message part of the probe, once the core copy's classes are known. */
function checkMessages(serializerClass: any, swapped: Swapped): void {
  const catalog = swapped.core.catalog;
  if (catalog === undefined) return;
  const messages = messageProbe(catalog) as object[];
  checkSerializer(serializerClass, swapped.native, { messages });
  const revived = swapped.native.decode(swapped.native.encode(messages)) as object[];
  revived.forEach((message, i) => {
    if (Object.getPrototypeOf(message) !== Object.getPrototypeOf(messages[i])) {
      throw new Error(`a revived ${messages[i].constructor.name} is not an instance of the host's class`);
    }
  });
}

export const serializerPatches: readonly ComponentPatch[] = [
  {
    component: "serde",
    replaces: "JsonPlusSerializer",
    module: CHECKPOINT,
    files: ["dist/serde/jsonplus.cjs", "dist/serde/jsonplus.js"],
    role: "main",
    // The probe compiles and runs jsonplus, our encoder and core's message classes: ~10 ms that
    // an app pays at its first checkpoint instead of at its start.
    checkOnFirstUse: true,
    apply(moduleExports, swap, context) {
      const { serializerClass, DeltaSnapshot } = hostClasses(moduleExports, context);
      const proto = serializerClass.prototype;
      // Seen before (both hooks, or a second start): the swap is in place already.
      if (swappedClasses.has(serializerClass) && proto.dumpsTyped?.[ORIGINAL] !== undefined) return;
      if (context.baseDir === undefined) throw new Error("the hooked package's directory is unknown");
      const originals = {} as HostSerializerMethods;
      for (const name of SWAPPED_METHODS) {
        if (typeof proto[name] !== "function") throw new Error(`JsonPlusSerializer.prototype.${name} is not a function`);
        (originals as any)[name] = proto[name];
      }
      let swapped: Swapped | undefined;
      // ES-module copies learn core's message classes later: they are checked then.
      const core = resolveHostCore(context.baseDir, context.moduleSystem, () => checkMessages(serializerClass, swapped!));
      const native = createNativeSerializer({ addon: context.addon, core, DeltaSnapshot, originals, format: context.config.serdeFormat });
      swapped = { native, core };
      swappedClasses.set(serializerClass, swapped);
      for (const name of SWAPPED_METHODS) swap.replace(proto, name, native.methods[name]);
    },
    selfCheck(moduleExports, context) {
      const { serializerClass, DeltaSnapshot } = hostClasses(moduleExports, context);
      const swapped = swappedClasses.get(serializerClass);
      if (swapped === undefined) throw new Error("JsonPlusSerializer was not swapped");
      checkSerializer(serializerClass, swapped.native, plainProbe(DeltaSnapshot));
      checkMessages(serializerClass, swapped);
    },
  },
];
