// `node --require langgraph-native/shim`: patches CommonJS apps, and ES-module apps too through
// the loader it registers.
import { isLoaderThread, start } from "./start";

if (!isLoaderThread()) start("require");
