// What a saver call came to, as data two savers' transcripts can be compared by: its value (an
// async iterable collected into an array) or its error message.

async function collect(iterable) {
  const out = [];
  for await (const item of iterable) out.push(item);
  return out;
}

async function outcome(fn) {
  try {
    const value = await fn();
    return { value: value && typeof value[Symbol.asyncIterator] === "function" ? await collect(value) : value };
  } catch (error) {
    return { error: error.message };
  }
}

module.exports = { collect, outcome };
