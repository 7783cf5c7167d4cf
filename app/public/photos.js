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
