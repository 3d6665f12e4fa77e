// A static file server for dist/ on 127.0.0.1 (the same one the browser tests use).
// Usage: node scripts/serve.mjs DIR [PORT]
import { serve } from "../tests/e2e/harness.mjs";

const [dir = "dist", port = "8080"] = process.argv.slice(2);
const { url } = await serve(dir, Number(port));
console.log(`Vigía is served at ${url} (Ctrl-C stops)`);
