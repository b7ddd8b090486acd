// `put-burst.cjs <schema> <threads> <puts per thread>`: writes checkpoints from concurrent async
// threads (thread ids tagged with this pid) through PostgresSaver, printing each acknowledged put
// as a line `thread checkpoint_id` the moment its Promise resolves (stdout to a pipe is
// synchronous on Linux, so a line printed was acknowledged). 0 puts: until killed.
const { uuid6 } = require("@langchain/langgraph-checkpoint");
const { PostgresSaver } = require("@langchain/langgraph-checkpoint-postgres");

async function main() {
  const [schema, threads, perThread] = process.argv.slice(2).map((arg, i) => (i === 0 ? arg : Number(arg)));
  const saver = PostgresSaver.fromConnString(process.env.LANGGRAPH_NATIVE_TEST_PG_URL, { schema });
  await Promise.all(
    Array.from({ length: threads }, async (_, t) => {
      const threadId = `${process.pid}-${t}`;
      let config = { configurable: { thread_id: threadId, checkpoint_ns: "" } };
      for (let step = 0; perThread === 0 || step < perThread; step++) {
        const checkpoint = { v: 4, id: uuid6(-1), ts: new Date().toISOString(), channel_values: { step, text: `t${t} s${step}`.repeat(20) }, channel_versions: { step: step + 1, text: step + 1 }, versions_seen: {} };
        config = await saver.put(config, checkpoint, { source: "loop", step }, { step: step + 1, text: step + 1 });
        await saver.putWrites(config, [["text", `write ${step}`]], `task-${step}`);
        process.stdout.write(`${threadId} ${checkpoint.id}\n`);
        // Whether the puts went through the addon (its handle opens on the first call).
        if (t === 0 && step === 0) process.stdout.write(`native ${saver[Symbol.for("langgraph-native.postgres.db")] !== undefined}\n`);
      }
    }),
  );
  await saver.end();
  process.stdout.write("done\n");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
