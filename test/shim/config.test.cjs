// Reading LANGGRAPH_NATIVE_* once: defaults, every accepted value, and invalid values that warn
// by name with the allowed values while keeping the default.
const assert = require("node:assert/strict");
const { readConfig, isRequested, COMPONENTS } = require("../../dist/config");

describe("config", function () {
  it("defaults to everything on, log level warn, not strict, bundled addon", function () {
    const config = readConfig({});
    assert.equal(config.enabled, true);
    assert.deepEqual({ ...config.components }, { serde: true, memory: true, tasks: true, tools: true });
    assert.equal(config.logLevel, "warn");
    assert.equal(config.strict, false);
    assert.equal(config.addonPath, undefined);
    assert.deepEqual([...config.warnings], []);
  });

  it("keeps the store's int8 copy unless LANGGRAPH_NATIVE_MEMORY_STORE_INT8=off", function () {
    assert.equal(readConfig({}).memoryStoreInt8, "on");
    assert.equal(readConfig({ LANGGRAPH_NATIVE_MEMORY_STORE_INT8: " OFF " }).memoryStoreInt8, "off");
    const invalid = readConfig({ LANGGRAPH_NATIVE_MEMORY_STORE_INT8: "small" });
    assert.equal(invalid.memoryStoreInt8, "on");
    assert.match(invalid.warnings[0], /LANGGRAPH_NATIVE_MEMORY_STORE_INT8="small" is not valid; allowed values: on, off/);
  });

  it("is frozen, all the way down", function () {
    const config = readConfig({});
    assert.ok(Object.isFrozen(config) && Object.isFrozen(config.components) && Object.isFrozen(config.warnings));
  });

  it("reads each component switch, case- and space-insensitively", function () {
    for (const name of COMPONENTS) {
      const config = readConfig({ [`LANGGRAPH_NATIVE_${name.toUpperCase()}`]: " Off " });
      assert.equal(config.components[name], false);
      assert.equal(isRequested(config, name), false);
      for (const other of COMPONENTS.filter((c) => c !== name)) assert.equal(isRequested(config, other), true);
    }
  });

  it("LANGGRAPH_NATIVE=off turns every component off whatever its own switch says", function () {
    const config = readConfig({ LANGGRAPH_NATIVE: "off", LANGGRAPH_NATIVE_SERDE: "on" });
    for (const name of COMPONENTS) assert.equal(isRequested(config, name), false);
  });

  it("names an invalid variable with its allowed values and keeps the default", function () {
    const config = readConfig({
      LANGGRAPH_NATIVE: "enabled",
      LANGGRAPH_NATIVE_MEMORY: "2",
      LANGGRAPH_NATIVE_LOG: "loud",
      LANGGRAPH_NATIVE_STRICT: "sure",
    });
    assert.equal(config.enabled, true);
    assert.equal(config.components.memory, true);
    assert.equal(config.logLevel, "warn");
    assert.equal(config.strict, false);
    assert.deepEqual([...config.warnings], [
      'LANGGRAPH_NATIVE="enabled" is not valid; allowed values: on, off (or 1/0, true/false, yes/no). Using "on".',
      'LANGGRAPH_NATIVE_MEMORY="2" is not valid; allowed values: on, off (or 1/0, true/false, yes/no). Using "on".',
      'LANGGRAPH_NATIVE_STRICT="sure" is not valid; allowed values: on, off (or 1/0, true/false, yes/no). Using "off".',
      'LANGGRAPH_NATIVE_LOG="loud" is not valid; allowed values: silent, fatal, error, warn, info, debug, trace. Using "warn".',
    ]);
  });

  it("reads a switch written 1/0, true/false or yes/no as on/off", function () {
    for (const [raw, on] of [["0", false], ["false", false], ["No", false], ["OFF", false], ["1", true], ["true", true], [" yes ", true]]) {
      const config = readConfig({ LANGGRAPH_NATIVE_SERDE: raw, LANGGRAPH_NATIVE_STRICT: raw, LANGGRAPH_NATIVE_MEMORY_STORE_INT8: raw });
      assert.equal(config.components.serde, on, raw);
      assert.equal(config.strict, on, raw);
      assert.equal(config.memoryStoreInt8, on ? "on" : "off", raw);
      assert.deepEqual([...config.warnings], [], raw);
    }
    assert.equal(readConfig({ LANGGRAPH_NATIVE: "false" }).enabled, false);
  });

  it("treats an empty value as unset", function () {
    const config = readConfig({ LANGGRAPH_NATIVE: "", LANGGRAPH_NATIVE_ADDON: "  " });
    assert.equal(config.enabled, true);
    assert.equal(config.addonPath, undefined);
    assert.deepEqual([...config.warnings], []);
  });

  it("accepts every log level and the strict switch", function () {
    for (const level of ["silent", "fatal", "error", "warn", "info", "debug", "trace"]) {
      assert.equal(readConfig({ LANGGRAPH_NATIVE_LOG: level.toUpperCase() }).logLevel, level);
    }
    assert.equal(readConfig({ LANGGRAPH_NATIVE_STRICT: "1" }).strict, true);
  });
});
