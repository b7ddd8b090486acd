// The progress line on stderr: rewritten in place on a terminal, one line per step otherwise.
const { performance } = require("node:perf_hooks");

function elapsed(ms) {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

class Progress {
  constructor(stream = process.stderr) {
    this.stream = stream;
    this.started = performance.now();
    this.text = "";
    this.timer = stream.isTTY ? setInterval(() => this.draw(), 1000).unref() : null;
  }

  elapsedMs() {
    return performance.now() - this.started;
  }

  update(text) {
    this.text = text;
    if (this.stream.isTTY) this.draw();
    else this.stream.write(`[e2e ${elapsed(this.elapsedMs())}] ${text}\n`);
  }

  draw() {
    this.stream.write(`\r\x1b[K[e2e ${elapsed(this.elapsedMs())}] ${this.text}`);
  }

  done() {
    if (this.timer) clearInterval(this.timer);
    if (this.stream.isTTY) this.stream.write("\r\x1b[K");
  }
}

module.exports = { Progress, elapsed };
