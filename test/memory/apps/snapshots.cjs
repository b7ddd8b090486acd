// What the scenario apps compare of a graph's state: a StateSnapshot summarized to plain data, and
// an async iterable collected into an array.

function summarize(snapshot) {
  return {
    values: snapshot.values,
    next: snapshot.next,
    step: snapshot.metadata?.step,
    source: snapshot.metadata?.source,
    checkpoint: snapshot.config?.configurable?.checkpoint_id,
    parent: snapshot.parentConfig?.configurable?.checkpoint_id,
    interrupts: snapshot.tasks?.flatMap((task) => task.interrupts ?? []).map((i) => i.value),
  };
}

async function collect(iterable) {
  const out = [];
  for await (const item of iterable) out.push(item);
  return out;
}

module.exports = { summarize, collect };
