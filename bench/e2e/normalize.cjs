// What a run produced, as text two processes can compare: JSON with every random id (UUIDs) and
// every timestamp replaced, so that stock and shim outputs hash alike exactly when they agree.
const { createHash } = require("node:crypto");

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const TIME_KEYS = new Set(["ts", "createdAt", "created_at", "updatedAt", "updated_at"]);

function replacer(key, value) {
  if (TIME_KEYS.has(key) && value != null) return "<time>";
  if (typeof value === "string") return ISO_TIME.test(value) ? "<time>" : value.replace(UUID, "<uuid>");
  if (typeof value === "bigint") return `${value}n`;
  return value;
}

function normalizedJson(value) {
  return JSON.stringify(value, replacer) ?? "undefined";
}

/** Hashes parts one by one (a checkpoint history can be large); keeps the texts when asked. */
class OutputDigest {
  constructor({ keep = false } = {}) {
    this.hash = createHash("sha256");
    this.parts = keep ? [] : null;
    this.count = 0;
  }

  add(label, value) {
    const text = `${label}\t${normalizedJson(value)}\n`;
    this.hash.update(text);
    this.parts?.push(text);
    this.count += 1;
  }

  digest() {
    return this.hash.digest("hex");
  }
}

module.exports = { OutputDigest, normalizedJson };
