// A deterministic tool-calling chat model for the react-agent cases: it answers with the scripted
// messages in order, with no latency unless `sleepMs` is given (the upstream suite sleeps 50 ms).
const { BaseChatModel } = require("@langchain/core/language_models/chat_models");

class ScriptedToolModel extends BaseChatModel {
  constructor({ responses, sleepMs = 0 }) {
    super({});
    this.responses = responses;
    this.sleepMs = sleepMs;
    this.index = 0;
  }

  _llmType() {
    return "scripted-tool-model";
  }

  /** Starts the script again: each timed run replays the same conversation. */
  rewind() {
    this.index = 0;
  }

  async _generate() {
    if (this.sleepMs > 0) await new Promise((resolve) => setTimeout(resolve, this.sleepMs));
    const message = this.responses[this.index % this.responses.length];
    this.index += 1;
    return { generations: [{ text: typeof message.content === "string" ? message.content : "", message }] };
  }

  bindTools(tools) {
    // The shape of OpenAI's tool list is enough: the model never reads it.
    return this.withConfig({ tools: tools.map((tool) => ({ type: "function", function: { name: tool.name } })) });
  }
}

module.exports = { ScriptedToolModel };
