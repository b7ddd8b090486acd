// `node --require langgraph-native/shim`: patches CommonJS apps, and ES-module apps too through
// the loader it registers.
import { start } from "./start";

start("require");
