// Makes the interactive parts of a server-rendered page work. Only parts
// marked as islands (<leptos-island>) run code; a page without one loads no
// WebAssembly at all. A file of its own, so the Content-Security-Policy needs
// no inline script for it. As a module it runs after the page is parsed, so
// the page and its stylesheet are never kept waiting by it.
// Forms with photos or a point get their small script (and only they).
if (document.querySelector('input[data-shrink], button[data-locate]')) import('/photos.js');
const islands = document.querySelectorAll('leptos-island');
if (islands.length > 0) {
  const app = await import('/pkg/rembuk.js');
  await app.default({ module_or_path: '/pkg/rembuk.wasm' });
  app.hydrate();
  for (const island of islands) {
    const start = app[island.dataset.component];
    if (start) await start(island);
    else console.error(`no code for island ${island.dataset.component}`);
  }
}
document.documentElement.dataset.hydrated = '';
