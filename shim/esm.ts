// `node --import langgraph-native/shim/esm`: the same start, from the ES-module preload. Node runs
// it before the app's module graph is loaded, so the loader hook is in place in time.
import { isLoaderThread, start } from "./start";

if (!isLoaderThread()) start("import");
