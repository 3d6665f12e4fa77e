// Starts the app. An external module rather than the inline script Trunk would inject,
// so the Content-Security-Policy in index.html can forbid inline scripts.
import init from "./vigia-web.js";

await init({ module_or_path: new URL("./vigia-web_bg.wasm", import.meta.url) });
