extension StudioAssets {
    /// `/studio.js`: painting, the overlay and the calls to the server.
    static let script = #"""
    'use strict';
    const $ = (id) => document.getElementById(id);
    const paint = $('paint');
    const pen = paint.getContext('2d', { willReadFrequently: true });
    const INK = 'rgb(255, 40, 80)';
    const state = {
      images: [], layers: new Set(), baseImage: null, base: null, models: [], sketch: null,
      undo: [], redo: [], drawing: null, maskTimer: null, maskSeq: 0, job: null, result: null, busy: false,
    };

    // ---- server calls -------------------------------------------------------------------------
    async function api(path, options = {}) {
      const response = await fetch(path, Object.assign({ credentials: 'same-origin' }, options));
      const type = response.headers.get('content-type') || '';
      const body = type.includes('json') ? await response.json() : await response.text();
      if (!response.ok) throw new Error(body && body.error ? body.error : `${response.status} ${String(body).trim()}`);
      return body;
    }
    const postJSON = (path, value) => api(path, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) });
    function showError(error) { $('error').textContent = error ? String(error.message || error) : ''; }

    // ---- the request as chosen ------------------------------------------------------------------
    function endpoint() { return $('endpoint').value; }
    function maskWanted() { return endpoint() === 'multi-edit' && $('use-mask').checked; }
    function imageIds() {
      if (state.baseImage === null) return [];
      const ids = [state.baseImage];
      if (endpoint() === 'multi-edit') for (const id of state.layers) if (id !== state.baseImage) ids.push(id);
      return ids;
    }
    function maskOptions() {
      const number = (id) => Math.max(0, parseInt($(id).value, 10) || 0);
      const options = { grow: number('grow'), shrink: number('shrink'), feather: number('feather') };
      if (!$('auto-threshold').checked) options.threshold = Math.min(255, number('threshold'));
      return options;
    }
    function request(withSketch) {
      const r = { images: imageIds(), endpoint: endpoint(), prompt: $('prompt').value,
                  model: $('model').value || null, resolution: $('tier').value || null,
                  quality: $('quality').value || null, aspect_ratio: $('aspect').value || null };
      if (endpoint() === 'upscale') r.scale = parseInt($('scale').value, 10);
      if (maskWanted()) r.mask = { sketch: withSketch && state.sketch !== null ? state.sketch : -1, options: maskOptions() };
      return r;
    }

    // ---- images and the prepared base ---------------------------------------------------------
    function renderImages() {
      const list = $('images');
      list.replaceChildren();
      for (const image of state.images) {
        const item = document.createElement('li');
        if (image.id === state.baseImage) item.className = 'base';
        const pick = document.createElement('input');
        pick.type = 'radio'; pick.name = 'base'; pick.checked = image.id === state.baseImage; pick.title = 'use as the base';
        pick.addEventListener('change', () => { state.baseImage = image.id; state.layers.delete(image.id); renderImages(); prepareBase(); });
        const layer = document.createElement('input');
        layer.type = 'checkbox'; layer.title = 'send as a layer (multi-edit)';
        layer.checked = state.layers.has(image.id); layer.disabled = image.id === state.baseImage;
        layer.addEventListener('change', () => { layer.checked ? state.layers.add(image.id) : state.layers.delete(image.id); refresh(); });
        const name = document.createElement('span');
        name.className = 'name'; name.textContent = image.name; name.title = image.summary;
        const status = document.createElement('span');
        status.className = 'status'; status.textContent = image.status;
        item.append(pick, layer, name, status);
        list.append(item);
      }
      const base = state.images.find((i) => i.id === state.baseImage);
      $('preflight').textContent = base ? base.summary + (base.error ? '\n' + base.error : '') : 'no image: add one';
    }

    async function prepareBase() {
      if (state.baseImage === null) return;
      const seq = ++state.maskSeq;
      $('base-info').textContent = 'preparing the base…';
      try {
        const base = await postJSON('/api/base', request(false));
        if (seq !== state.maskSeq) return;
        const image = $('base');
        await new Promise((resolve, reject) => { image.onload = resolve; image.onerror = () => reject(new Error('the base did not load')); image.src = base.url; });
        resizePaint(base.width, base.height);
        state.base = base;
        const done = base.actions.length ? base.actions.join(', ') : 'sent as it is';
        $('base-info').textContent = `base ${base.width}×${base.height} ${base.content_type}, ${base.bytes} bytes: ${done}; ${base.sizing}` +
          (base.warnings.length ? ' — ' + base.warnings.join('; ') : '');
        showError(null);
        scheduleMask(0);
      } catch (error) { $('base-info').textContent = 'the base could not be prepared'; showError(error); }
    }

    // ---- painting --------------------------------------------------------------------------------
    function resizePaint(width, height) {
      if (paint.width === width && paint.height === height) return;
      const old = document.createElement('canvas');
      old.width = paint.width; old.height = paint.height;
      old.getContext('2d').drawImage(paint, 0, 0);
      paint.width = width; paint.height = height;
      if (old.width > 1) pen.drawImage(old, 0, 0, width, height);
      state.undo = []; state.redo = [];
    }
    function snapshot() { return pen.getImageData(0, 0, paint.width, paint.height); }
    function remember() { state.undo.push(snapshot()); if (state.undo.length > 20) state.undo.shift(); state.redo = []; }
    function point(event) {
      const box = paint.getBoundingClientRect();
      return { x: (event.clientX - box.left) * paint.width / box.width, y: (event.clientY - box.top) * paint.height / box.height };
    }
    function tool() { return document.querySelector('input[name=tool]:checked').value; }
    function brushSize() { return parseInt($('size').value, 10) * Math.max(paint.width, paint.height) / 2048; }
    function shape(kind, a, b) {
      pen.globalCompositeOperation = 'source-over';
      pen.fillStyle = INK;
      pen.beginPath();
      if (kind === 'rect') pen.rect(Math.min(a.x, b.x), Math.min(a.y, b.y), Math.abs(b.x - a.x), Math.abs(b.y - a.y));
      else pen.ellipse((a.x + b.x) / 2, (a.y + b.y) / 2, Math.abs(b.x - a.x) / 2, Math.abs(b.y - a.y) / 2, 0, 0, 2 * Math.PI);
      pen.fill();
    }
    paint.addEventListener('pointerdown', (event) => {
      if (!state.base || event.button !== 0) return;
      paint.setPointerCapture(event.pointerId);
      remember();
      const p = point(event);
      state.drawing = { tool: tool(), start: p, last: p, before: state.undo[state.undo.length - 1] };
      if (state.drawing.tool === 'brush' || state.drawing.tool === 'eraser') stroke(p, p);
    });
    paint.addEventListener('pointermove', (event) => {
      const d = state.drawing;
      if (!d) return;
      const p = point(event);
      if (d.tool === 'brush' || d.tool === 'eraser') { stroke(d.last, p); d.last = p; }
      else { pen.putImageData(d.before, 0, 0); shape(d.tool, d.start, p); }
    });
    for (const type of ['pointerup', 'pointercancel']) paint.addEventListener(type, () => {
      if (!state.drawing) return;
      state.drawing = null;
      scheduleMask();
    });
    function stroke(a, b) {
      pen.globalCompositeOperation = tool() === 'eraser' ? 'destination-out' : 'source-over';
      pen.strokeStyle = INK; pen.lineWidth = brushSize(); pen.lineCap = 'round'; pen.lineJoin = 'round';
      pen.beginPath(); pen.moveTo(a.x, a.y); pen.lineTo(b.x, b.y); pen.stroke();
      pen.globalCompositeOperation = 'source-over';
    }
    function restore(from, to) {
      if (!from.length) return;
      to.push(snapshot());
      pen.putImageData(from.pop(), 0, 0);
      scheduleMask();
    }
    $('undo').addEventListener('click', () => restore(state.undo, state.redo));
    $('redo').addEventListener('click', () => restore(state.redo, state.undo));
    $('clear').addEventListener('click', () => { remember(); pen.clearRect(0, 0, paint.width, paint.height); scheduleMask(); });
    $('invert').addEventListener('click', () => {
      remember();
      pen.globalCompositeOperation = 'xor'; pen.fillStyle = INK;
      pen.fillRect(0, 0, paint.width, paint.height);
      pen.globalCompositeOperation = 'source-over';
      scheduleMask();
    });
    document.addEventListener('keydown', (event) => {
      if (!(event.ctrlKey || event.metaKey) || event.target.tagName === 'TEXTAREA') return;
      if (event.key === 'z') { event.preventDefault(); restore(state.undo, state.redo); }
      if (event.key === 'y') { event.preventDefault(); restore(state.redo, state.undo); }
    });
    $('size').addEventListener('input', () => { $('size-value').textContent = $('size').value; });

    // The strokes as a grayscale sketch at the base's size: white where painted, black elsewhere.
    function sketchBlob() {
      const sheet = document.createElement('canvas');
      sheet.width = paint.width; sheet.height = paint.height;
      const g = sheet.getContext('2d');
      g.fillStyle = '#000'; g.fillRect(0, 0, sheet.width, sheet.height);
      g.filter = 'brightness(0) invert(1)';
      g.drawImage(paint, 0, 0);
      return new Promise((resolve) => sheet.toBlob(resolve, 'image/png'));
    }
    function maskQuery() {
      const o = maskOptions();
      const q = new URLSearchParams({ base: state.base.id, grow: o.grow, shrink: o.shrink, feather: o.feather });
      if (o.threshold !== undefined) q.set('threshold', o.threshold);
      return q.toString();
    }

    // ---- the mask, made by the server --------------------------------------------------------
    function scheduleMask(delay = 250) {
      clearTimeout(state.maskTimer);
      document.body.dataset.mask = 'pending';
      state.maskTimer = setTimeout(updateMask, delay);
    }
    async function updateMask() {
      if (!state.base) return;
      const seq = ++state.maskSeq;
      try {
        const sketch = await sketchBlob();
        const made = await api('/api/mask?' + maskQuery(), { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: sketch });
        if (seq !== state.maskSeq) return;
        state.sketch = made.sketch;
        const preview = $('mask-preview');
        preview.src = made.mask;
        preview.hidden = !$('show-mask').checked;
        $('mask-status').textContent = `mask: ${made.edit_percent}% marked for editing (${made.width}×${made.height}` +
          (made.threshold !== null && made.threshold !== undefined ? `, threshold ${made.threshold})` : ')');
        $('mask-status').dataset.percent = made.edit_percent;
        document.body.dataset.mask = 'ready';
        refresh();
      } catch (error) { showError(error); document.body.dataset.mask = 'failed'; }
    }
    for (const id of ['grow', 'shrink', 'feather', 'threshold']) $(id).addEventListener('change', () => scheduleMask(0));
    $('auto-threshold').addEventListener('change', () => { $('threshold').disabled = $('auto-threshold').checked; scheduleMask(0); });
    $('show-mask').addEventListener('change', () => { $('mask-preview').hidden = !$('show-mask').checked; });

    $('load-sketch').addEventListener('change', async () => {
      const file = $('load-sketch').files[0];
      if (!file || !state.base) return;
      try {
        const made = await api('/api/sketch-file?' + maskQuery(), { method: 'POST', body: file });
        const image = new Image();
        await new Promise((resolve, reject) => { image.onload = resolve; image.onerror = reject; image.src = made.mask; });
        const sheet = document.createElement('canvas');
        sheet.width = paint.width; sheet.height = paint.height;
        const g = sheet.getContext('2d');
        g.drawImage(image, 0, 0, sheet.width, sheet.height);
        const pixels = g.getImageData(0, 0, sheet.width, sheet.height);
        for (let i = 0; i < pixels.data.length; i += 4) {
          const v = pixels.data[i];
          pixels.data[i] = 255; pixels.data[i + 1] = 40; pixels.data[i + 2] = 80; pixels.data[i + 3] = v;
        }
        g.putImageData(pixels, 0, 0);
        remember();
        pen.drawImage(sheet, 0, 0);
        scheduleMask(0);
      } catch (error) { showError(error); }
      $('load-sketch').value = '';
    });

    // ---- models, tiers and the price -----------------------------------------------------------
    function fill(select, values, chosen, blank) {
      select.replaceChildren();
      if (blank) select.append(new Option(blank, ''));
      for (const value of values) select.append(new Option(value, value, false, value === chosen));
    }
    async function loadModels() {
      const listing = await api('/api/models?endpoint=' + encodeURIComponent(endpoint()));
      state.models = listing.models;
      const select = $('model');
      select.replaceChildren();
      if (!listing.models.length) select.append(new Option('(none to choose)', ''));
      for (const model of listing.models) {
        select.append(new Option(model.name ? `${model.name} (${model.id})` : model.id, model.id, false, model.id === listing.default_model));
      }
      if (listing.warnings.length) $('model-info').textContent = listing.warnings.join(' ');
      modelChanged(false);
    }
    function modelChanged(reprepare = true) {
      const model = state.models.find((m) => m.id === $('model').value);
      fill($('tier'), model ? model.resolutions : [], model ? model.default_resolution : null, model && model.resolutions.length ? null : 'default');
      fill($('quality'), model ? model.qualities : [], model ? model.default_quality : null, 'default');
      fill($('aspect'), model ? model.aspect_ratios : [], null, 'as the image');
      if (model) {
        const prices = Object.entries(model.prices).map(([tier, usd]) => `${tier} $${usd}`).join(', ');
        $('model-info').textContent = `up to ${model.max_input_images} images` +
          (model.prompt_character_limit ? `, prompts up to ${model.prompt_character_limit} characters` : '') +
          (prices ? `; ${prices}` : '');
      } else if (!state.models.length) $('model-info').textContent = '';
      $('scale-row').hidden = endpoint() !== 'upscale';
      $('use-mask').disabled = endpoint() !== 'multi-edit';
      if (reprepare) prepareBase(); else refresh();
    }
    async function refresh() {
      if (state.baseImage === null) return;
      try {
        const quote = await postJSON('/api/quote', request(false));
        $('price').textContent = quote.problem ? '' : `this request: ${quote.text}`;
        $('price').dataset.usd = quote.usd ?? '';
        $('send').title = quote.problem || '';
        if (quote.problem && quote.problem.indexOf('prompt') < 0) showError(quote.problem);
      } catch (error) { showError(error); }
    }
    $('endpoint').addEventListener('change', async () => { await loadModels(); prepareBase(); });
    $('model').addEventListener('change', () => modelChanged(true));
    $('tier').addEventListener('change', () => prepareBase());
    for (const id of ['quality', 'aspect', 'scale']) $(id).addEventListener('change', refresh);
    $('use-mask').addEventListener('change', () => prepareBase());
    $('prompt').addEventListener('change', refresh);

    // ---- dry run, send, compare, save ----------------------------------------------------------
    async function settledMask() {
      if (!maskWanted()) return;
      if (document.body.dataset.mask !== 'ready') { clearTimeout(state.maskTimer); await updateMask(); }
    }
    $('dry-run').addEventListener('click', async () => {
      showError(null);
      try {
        await settledMask();
        const report = await postJSON('/api/dry-run', request(true));
        $('dry-run-output').textContent = report.lines.join('\n') + (report.warnings.length ? '\nwarnings: ' + report.warnings.join('; ') : '');
      } catch (error) { showError(error); }
    });
    $('send').addEventListener('click', async () => {
      if (state.busy) return;
      showError(null);
      setBusy(true, 'preparing the images');
      try {
        await settledMask();
        const job = await postJSON('/api/send', request(true));
        await follow(job.id);
      } catch (error) { showError(error); setBusy(false, ''); }
    });
    function setBusy(busy, text) {
      state.busy = busy;
      $('send').disabled = busy;
      $('progress').textContent = text;
      $('progress').className = busy ? 'busy' : '';
      document.body.dataset.job = busy ? 'running' : (document.body.dataset.job === 'running' ? 'idle' : document.body.dataset.job || 'idle');
    }
    async function follow(id) {
      const started = Date.now();
      for (;;) {
        const job = await api('/api/jobs/' + id);
        const seconds = Math.round((Date.now() - started) / 1000);
        if (job.state === 'done') { setBusy(false, `${job.message} (${seconds} s)`); document.body.dataset.job = 'done'; return showResult(job.result); }
        if (job.state === 'failed') {
          setBusy(false, ''); document.body.dataset.job = 'failed';
          return showError(job.error);
        }
        setBusy(true, `${job.message} — ${seconds} s`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    function showResult(id) {
      state.result = id;
      $('cmp-before').src = state.base.url;
      $('cmp-after').src = '/api/results/' + id;
      $('cmp-after').onload = () => {
        const a = $('cmp-after');
        $('result-info').textContent = `result ${a.naturalWidth}×${a.naturalHeight}`;
        document.body.dataset.result = 'shown';
      };
      $('canvas-wrap').hidden = true;
      $('compare').hidden = false; $('compare-controls').hidden = false;
      $('result-panel').hidden = false;
      $('saved').replaceChildren();
      slide();
    }
    function slide() { $('cmp-after').style.clipPath = `inset(0 0 0 ${$('cmp-slider').value}%)`; }
    $('cmp-slider').addEventListener('input', slide);
    $('back-to-mask').addEventListener('click', () => {
      $('canvas-wrap').hidden = false; $('compare').hidden = true; $('compare-controls').hidden = true;
    });
    $('save').addEventListener('click', async () => {
      if (state.result === null) return;
      try {
        const saved = await postJSON('/api/save', { result: state.result });
        const list = $('saved');
        list.replaceChildren(...saved.files.map((file) => { const li = document.createElement('li'); li.textContent = file; return li; }));
        document.body.dataset.saved = String(saved.files.length);
      } catch (error) { showError(error); }
    });
    $('quit').addEventListener('click', async () => {
      try { await api('/api/quit', { method: 'POST' }); } catch (error) { /* the server is going */ }
      document.body.replaceChildren(Object.assign(document.createElement('p'), { textContent: 'The studio has stopped; close this tab.' }));
    });
    $('add-image').addEventListener('change', async () => {
      const file = $('add-image').files[0];
      if (!file) return;
      try {
        const image = await api('/api/images', { method: 'POST', headers: { 'X-File-Name': encodeURIComponent(file.name) }, body: file });
        state.images.push(image);
        if (state.baseImage === null) { state.baseImage = image.id; renderImages(); await prepareBase(); }
        else { state.layers.add(image.id); renderImages(); refresh(); }
      } catch (error) { showError(error); }
      $('add-image').value = '';
    });

    // ---- start ---------------------------------------------------------------------------------
    (async () => {
      try {
        const session = await api('/api/state');
        state.images = session.images;
        if (session.images.length) state.baseImage = session.images[0].id;
        for (const image of session.images.slice(1)) state.layers.add(image.id);
        if (session.images.length < 2) $('endpoint').value = 'multi-edit';
        if (session.send_problem) $('progress').textContent = 'Send needs: ' + session.send_problem;
        renderImages();
        await loadModels();
        await prepareBase();
      } catch (error) { showError(error); }
    })();
    """#
}
