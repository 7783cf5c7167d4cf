// Forms with photos or a point (loaded by boot.js only where they are).
// Photos are shrunk in the browser before they leave the phone: drawn
// upright on a canvas at most 1600 px on their longer side and sent as
// JPEG, which also leaves every bit of metadata (GPS above all) behind. The
// form is then sent with its progress shown. Without this script the same
// form is sent as it is, and the server does the same work.
const SIDE = 1600;

async function shrink(file) {
  if (!/^image\/(jpeg|png|webp)$/.test(file.type)) return file; // the server names the problem
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file;
  }
  const scale = Math.min(1, SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise((done) => canvas.toBlob(done, 'image/jpeg', 0.85));
  if (!blob || blob.size >= file.size) return file;
  return new File([blob], file.name.replace(/\.\w+$/, '') + '.jpg', { type: 'image/jpeg' });
}

for (const input of document.querySelectorAll('input[type=file][data-shrink]')) {
  const form = input.form;
  const status = form.querySelector('[data-progress]');
  form.addEventListener('submit', async (event) => {
    if (input.files.length === 0 || !status) return; // sent as it is
    event.preventDefault();
    const data = new FormData(form);
    if (event.submitter && event.submitter.name) data.append(event.submitter.name, event.submitter.value);
    data.delete('photos');
    status.hidden = false;
    status.textContent = status.dataset.sending;
    for (const file of input.files) data.append('photos', await shrink(file), file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader('Accept', 'text/html');
    // The server answers where to go next instead of redirecting, so a form
    // that comes back keeps its error for the page that shows it.
    xhr.setRequestHeader('X-Rembuk-Upload', '1');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) status.textContent = `${status.dataset.sending} ${Math.round((e.loaded / e.total) * 100)}%`;
    };
    xhr.onload = () => {
      const next = xhr.getResponseHeader('X-Location');
      if (next) location.assign(next);
      else document.documentElement.innerHTML = xhr.responseText;
    };
    xhr.onerror = () => {
      status.textContent = status.dataset.failed;
    };
    xhr.send(data);
  });
}

for (const button of document.querySelectorAll('button[data-locate]')) {
  if (!navigator.geolocation) continue;
  const form = button.form;
  const status = button.parentElement.querySelector('[data-locate-status]');
  button.hidden = false;
  button.addEventListener('click', () => {
    status.hidden = false;
    status.textContent = button.dataset.finding;
    navigator.geolocation.getCurrentPosition(
      (p) => {
        form.elements.lat.value = p.coords.latitude.toFixed(6);
        form.elements.lon.value = p.coords.longitude.toFixed(6);
        status.textContent = '';
        status.hidden = true;
      },
      () => {
        status.textContent = button.dataset.failed;
      },
      { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 },
    );
  });
}

// "Pick on a map": tiles from the site's tile server (none is fetched
// before the person opens the map), moved by dragging or the arrow keys and
// zoomed with + and −; a click, or Enter for the map's centre, marks the
// point and fills in latitude and longitude.
const TILE = 256;
const toWorld = (lat, lon, z) => {
  const n = TILE * 2 ** z;
  const s = Math.sin((lat * Math.PI) / 180);
  return [((lon + 180) / 360) * n, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n];
};
const toLatLon = (x, y, z) => {
  const n = TILE * 2 ** z;
  return [(Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI, (x / n) * 360 - 180];
};

function openMap(button) {
  const d = button.dataset;
  const { lat: latField, lon: lonField } = button.form.elements;
  const map = document.createElement('div');
  map.className = 'map';
  map.tabIndex = 0;
  map.setAttribute('role', 'application');
  map.setAttribute('aria-label', d.label);
  const tiles = document.createElement('div');
  const marker = document.createElement('span');
  marker.className = 'marker';
  const controls = document.createElement('div');
  controls.className = 'zoom';
  const credit = document.createElement('small');
  credit.textContent = d.credit;
  map.append(tiles, marker, controls, credit);
  button.after(map);

  const start = [latField.value, lonField.value].map((v) => parseFloat(v.replace(',', '.')));
  let point = start.every(Number.isFinite) ? start : null;
  let z = point ? 16 : 5;
  let [cx, cy] = toWorld(point ? point[0] : -2.5, point ? point[1] : 118, z);
  const corner = () => [cx - map.clientWidth / 2, cy - map.clientHeight / 2];

  function draw() {
    const n = 2 ** z;
    const [left, top] = corner();
    const imgs = [];
    for (let ty = Math.floor(top / TILE); ty * TILE < top + map.clientHeight; ty++) {
      for (let tx = Math.floor(left / TILE); tx * TILE < left + map.clientWidth; tx++) {
        if (ty < 0 || ty >= n) continue;
        const img = new Image(TILE, TILE);
        img.alt = '';
        img.draggable = false;
        img.src = d.tiles.replace('{z}', z).replace('{x}', ((tx % n) + n) % n).replace('{y}', ty);
        img.style.left = `${tx * TILE - left}px`;
        img.style.top = `${ty * TILE - top}px`;
        imgs.push(img);
      }
    }
    tiles.replaceChildren(...imgs);
    marker.hidden = !point;
    if (point) {
      const [px, py] = toWorld(point[0], point[1], z);
      marker.style.left = `${px - left}px`;
      marker.style.top = `${py - top}px`;
    }
  }
  const move = (dx, dy) => {
    cx += dx;
    cy = Math.min(Math.max(cy + dy, 0), TILE * 2 ** z);
    draw();
  };
  const zoom = (by) => {
    const next = Math.min(Math.max(z + by, 4), 19);
    cx *= 2 ** (next - z);
    cy *= 2 ** (next - z);
    z = next;
    draw();
  };
  const mark = (x, y) => {
    const [left, top] = corner();
    point = toLatLon(left + x, top + y, z);
    latField.value = point[0].toFixed(6);
    lonField.value = point[1].toFixed(6);
    draw();
  };
  for (const [text, label, by] of [['+', d.zoomIn, 1], ['−', d.zoomOut, -1]]) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.setAttribute('aria-label', label);
    b.addEventListener('click', () => zoom(by));
    b.addEventListener('pointerdown', (e) => e.stopPropagation());
    controls.append(b);
  }
  let drag = null;
  map.addEventListener('pointerdown', (e) => {
    drag = { x: e.clientX, y: e.clientY, moved: false };
    map.setPointerCapture(e.pointerId);
  });
  map.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 5) return;
    drag = { x: e.clientX, y: e.clientY, moved: true };
    move(-dx, -dy);
  });
  map.addEventListener('pointerup', (e) => {
    if (drag && !drag.moved) {
      const r = map.getBoundingClientRect();
      mark(e.clientX - r.left, e.clientY - r.top);
    }
    drag = null;
  });
  map.addEventListener('pointercancel', () => (drag = null));
  const keys = {
    ArrowLeft: () => move(-64, 0),
    ArrowRight: () => move(64, 0),
    ArrowUp: () => move(0, -64),
    ArrowDown: () => move(0, 64),
    '+': () => zoom(1),
    '=': () => zoom(1),
    '-': () => zoom(-1),
    Enter: () => mark(map.clientWidth / 2, map.clientHeight / 2),
  };
  map.addEventListener('keydown', (e) => {
    if (e.target !== map || !keys[e.key]) return;
    e.preventDefault();
    keys[e.key]();
  });
  draw();
  return map;
}

for (const button of document.querySelectorAll('button[data-map]')) {
  let map = null;
  button.hidden = false;
  button.setAttribute('aria-expanded', 'false');
  button.addEventListener('click', () => {
    if (map) map.hidden = !map.hidden;
    else map = openMap(button);
    button.setAttribute('aria-expanded', String(!map.hidden));
    if (!map.hidden) map.focus();
  });
}
