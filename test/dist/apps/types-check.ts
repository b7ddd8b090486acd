// The public API as a TypeScript user imports it: checked with tsc --strict, skipLibCheck off.
import { status, unpatch, LangGraphNativeSerializationError, ToolTimeoutError, ToolDepthError, type Status } from "langgraph-native";

const report: Status = status();
const active: boolean = report.components.serde.active;
const restored: number = unpatch();
const errors: Error[] = [new LangGraphNativeSerializationError("x"), new ToolTimeoutError("t", 5), new ToolDepthError("t", 2)];
const timeout: number = new ToolTimeoutError("t", 5).timeoutMs;
export { active, restored, errors, timeout };
