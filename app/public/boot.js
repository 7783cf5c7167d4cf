// Starts the WebAssembly bundle that makes the server-rendered page interactive.
// A file of its own, so the Content-Security-Policy needs no inline script for it.
import init, { hydrate } from '/pkg/rembuk.js';

init({ module_or_path: '/pkg/rembuk.wasm' }).then(() => hydrate());
