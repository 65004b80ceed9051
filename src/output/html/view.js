// castgraph's interactive view: draws the graph embedded in #castgraph-data
// on a canvas. Names are shown only through textContent or drawn on the
// canvas, never parsed as markup. The page redraws only when something changes.
//
// Large casts stay interactive: the bulk data arrives in compact columns
// (decoded below, see src/output/html/encode.rs); every frame draws only what
// is on screen, the strongest ties first up to a budget; nodes of the same
// colour and size class are filled as one path; a grid of the positions
// answers "who is under the pointer" without looking at everyone.
// Timings for tests and benchmarks are left as performance marks and measures
// named castgraph:first-draw, castgraph:first-frame, castgraph:zoom,
// castgraph:pan and castgraph:search (from the input event to the frame after
// the redraw).
(function () {
  'use strict';

  const data = JSON.parse(document.getElementById('castgraph-data').textContent);

  // ---------------------------------------------------------------------------
  // Decoding the columns.

  function bytesOf(text) {
    if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text || '');
    const raw = atob(text || '');
    const out = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  }

  // Unsigned LEB128 varints; arithmetic, not bit operations, so values up to 2^53 stay exact.
  function varints(bytes, count, Out) {
    const out = new (Out || Float64Array)(count);
    let p = 0;
    for (let k = 0; k < count; k++) {
      let b = bytes[p++];
      let v = b & 127;
      let mul = 128;
      while (b & 128) {
        b = bytes[p++];
        v += (b & 127) * mul;
        mul *= 128;
      }
      out[k] = v;
    }
    return out;
  }

  function column(c, count) {
    const bytes = bytesOf(c && c.data);
    if (c && c.kind === 'f64') {
      const view = new DataView(bytes.buffer);
      const out = new Float64Array(count);
      for (let k = 0; k < count && 8 * k + 8 <= bytes.length; k++) out[k] = view.getFloat64(8 * k, true);
      return out;
    }
    return varints(bytes, count);
  }

  const names = data.names;
  const n = names.length;
  const measures = data.measures;
  const sizeIndex = Math.max(0, measures.indexOf(data.size_by));
  const estimated = new Set(data.estimated || []);
  const values = measures.map((_, k) => column(data.values[k], n));
  const scenes = column(data.scenes, n);
  const groupOf = column(data.group, n);
  const castGroup = new Uint8Array(n);
  for (const i of data.cast_groups || []) if (i >= 0 && i < n) castGroup[i] = 1;
  const X = new Float64Array(n);
  const Y = new Float64Array(n);
  {
    const b = bytesOf(data.positions);
    const unit = (Number(data.size) || 1000) / 65535;
    for (let i = 0; i < n && 4 * i + 3 < b.length; i++) {
      X[i] = (b[4 * i] | (b[4 * i + 1] << 8)) * unit;
      Y[i] = (b[4 * i + 2] | (b[4 * i + 3] << 8)) * unit;
    }
  }

  // Ties, strongest first: runs of equal weight, each tie two varint steps.
  const m = (data.ties && data.ties.count) || 0;
  const tieA = new Uint32Array(m);
  const tieB = new Uint32Array(m);
  const tieW = new Float64Array(m);
  {
    const t = data.ties || {};
    const runs = t.runs ? varints(bytesOf(t.runs.data), Math.max(0, m)) : new Float64Array(0);
    let runCount = 0;
    for (let sum = 0; runCount < runs.length && sum < m; runCount++) sum += runs[runCount];
    const weights = column(t.weights, runCount);
    const pairs = bytesOf(t.pairs);
    let p = 0;
    let k = 0;
    for (let r = 0; r < runCount; r++) {
      let a = 0;
      let b = 0;
      const w = weights[r];
      for (let j = 0; j < runs[r] && k < m; j++, k++) {
        // Two varints: the step to this tie's first character, the gap to its second.
        let c = pairs[p++];
        let da = c & 127;
        for (let mul = 128; c & 128; mul *= 128) {
          c = pairs[p++];
          da += (c & 127) * mul;
        }
        c = pairs[p++];
        let gap = c & 127;
        for (let mul = 128; c & 128; mul *= 128) {
          c = pairs[p++];
          gap += (c & 127) * mul;
        }
        a += da;
        b = j > 0 && da === 0 ? b + 1 + gap : a + 1 + gap;
        tieA[k] = a;
        tieB[k] = b;
        tieW[k] = w;
      }
    }
  }
  const tieS = data.ties && data.ties.scenes ? column(data.ties.scenes, m) : tieW;

  // Each character's ties (indices into the tie arrays, strongest first).
  const adjStart = new Uint32Array(n + 1);
  const adj = new Uint32Array(2 * m);
  {
    for (let k = 0; k < m; k++) {
      adjStart[tieA[k] + 1]++;
      adjStart[tieB[k] + 1]++;
    }
    for (let i = 0; i < n; i++) adjStart[i + 1] += adjStart[i];
    const fill = adjStart.slice(0, n);
    for (let k = 0; k < m; k++) {
      adj[fill[tieA[k]]++] = k;
      adj[fill[tieB[k]]++] = k;
    }
  }
  const other = (k, i) => (tieA[k] === i ? tieB[k] : tieA[k]);

  const canvas = document.getElementById('view');
  const ctx = canvas.getContext('2d', { alpha: false });
  const stage = document.getElementById('stage');
  const detailsEl = document.getElementById('details');
  const legendEl = document.getElementById('legend');
  const searchEl = document.getElementById('search');
  const resultEl = document.getElementById('search-result');
  const FONT = '12px system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif';
  const BACKGROUND = '#fafaf8';

  const num = (v) => (typeof v === 'number' && isFinite(v) ? v : 0);
  const fmt = (v) => (Number.isInteger(num(v)) ? String(num(v)) : num(v).toFixed(4));
  const fmtWeight = (v) => (Number.isInteger(num(v)) ? String(num(v)) : String(Number(num(v).toFixed(4))));
  const plural = (k, one, many) => k + ' ' + (k === 1 ? one : many);
  const thousands = (k) => String(k).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // Node sizes (area grows with the measure), colours, tie widths.
  const sizeValues = values[sizeIndex];
  let maxSize = 0;
  for (let i = 0; i < n; i++) maxSize = Math.max(maxSize, Math.max(0, num(sizeValues[i])));
  let minSize = maxSize;
  for (let i = 0; i < n; i++) minSize = Math.min(minSize, Math.max(0, num(sizeValues[i])));
  const rMax = Math.min(20, Math.max(7, 240 / Math.sqrt(Math.max(n, 1))));
  const rMin = Math.max(2, rMax * 0.25);
  const radius = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = Math.max(0, num(sizeValues[i]));
    radius[i] = maxSize > 0 ? rMin + (rMax - rMin) * Math.sqrt(v / maxSize) : rMin;
  }
  const safeColour = (c) => (/^#[0-9a-fA-F]{6}$/.test(c) ? c : '#888888');
  const palette = data.groups.map((g) => safeColour(g.colour));
  const colourOf = (i) => palette[groupOf[i]] || '#888888';
  const maxWeight = m > 0 ? Math.max(0, num(tieW[0])) : 0;
  const minWeight = m > 0 ? Math.max(0, num(tieW[m - 1])) : 0;
  const width = (k) => (maxWeight > 0 ? 0.6 + 4.4 * (Math.max(0, num(tieW[k])) / maxWeight) : 1);
  const labels = names.map((name) => {
    const chars = Array.from(String(name).replace(/\s+/g, ' ').trim());
    return chars.length > 40 ? chars.slice(0, 39).join('') + '…' : chars.join('');
  });
  const labelWidth = new Float64Array(n).fill(-1);

  // `bySize`: largest first, as `graph central` ranks by the size measure;
  // nodes are drawn in the reverse order, so large ones are on top.
  const bySize = varints(bytesOf(data.ranking && data.ranking.data), n, Uint32Array);
  {
    // A page without a valid ranking still draws everyone.
    const seen = new Uint8Array(n);
    let valid = true;
    for (let k = 0; k < n && valid; k++) valid = bySize[k] < n && !seen[bySize[k]] && (seen[bySize[k]] = 1);
    if (!valid) {
      const fallback = Array.from({ length: n }, (_, i) => i).sort((a, b) => radius[b] - radius[a] || a - b);
      bySize.set(fallback);
    }
  }
  const order = bySize.slice().reverse();
  const drawRank = new Uint32Array(n);
  for (let k = 0; k < n; k++) drawRank[order[k]] = k;

  // A grid of the positions for hit tests: cells of about two characters.
  const GRID = Math.max(1, Math.ceil(Math.sqrt(n / 2)));
  const worldSize = Number(data.size) || 1000;
  const cellOf = (v) => Math.min(GRID - 1, Math.max(0, Math.floor((v / worldSize) * GRID)));
  const cellStart = new Uint32Array(GRID * GRID + 1);
  const cellItems = new Uint32Array(n);
  {
    for (let i = 0; i < n; i++) cellStart[cellOf(Y[i]) * GRID + cellOf(X[i]) + 1]++;
    for (let c = 0; c < GRID * GRID; c++) cellStart[c + 1] += cellStart[c];
    const fill = cellStart.slice(0, GRID * GRID);
    for (let i = 0; i < n; i++) cellItems[fill[cellOf(Y[i]) * GRID + cellOf(X[i])]++] = i;
  }

  // View: screen = world × scale + (tx, ty), in CSS pixels.
  let W = 1;
  let H = 1;
  let dpr = 1;
  let scale = 1;
  let tx = 0;
  let ty = 0;
  let fitScale = 1;
  let hover = -1;
  let selected = -1;
  let matches = null;
  let matchSet = new Uint8Array(n);
  let drawPending = false;
  let pendingTimings = [];

  // Ties a frame: the strongest on screen, as many as keep a frame (drawing
  // and the browser's painting) within about 50 ms; never fewer than
  // TIE_MIN (all of them in a small cast), never more than TIE_MAX. At most
  // FOCUS_BUDGET ties of the character in focus.
  const TIE_MIN = 2000;
  const TIE_MAX = 60000;
  let tieBudget = Math.min(TIE_MAX, 10000);
  const FOCUS_BUDGET = 5000;
  // Up to this many nodes on screen, each is drawn on its own with an outline.
  const DETAILED_NODES = 3000;

  function resize() {
    const r = stage.getBoundingClientRect();
    W = Math.max(1, r.width);
    H = Math.max(1, r.height);
    dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(W * dpr);
    canvas.height = Math.round(H * dpr);
  }

  // The part of the stage not covered by the controls and the side panel.
  function drawingArea() {
    const side = W >= 760 ? 310 : 0;
    return { x: 0, y: 46, w: Math.max(1, W - side), h: Math.max(1, H - 46) };
  }

  function fit() {
    const a = drawingArea();
    if (n === 0) {
      scale = 1;
      tx = a.x + a.w / 2;
      ty = a.y + a.h / 2;
      fitScale = 1;
      return;
    }
    let x0 = Infinity;
    let x1 = -Infinity;
    let y0 = Infinity;
    let y1 = -Infinity;
    for (let i = 0; i < n; i++) {
      x0 = Math.min(x0, X[i]);
      x1 = Math.max(x1, X[i]);
      y0 = Math.min(y0, Y[i]);
      y1 = Math.max(y1, Y[i]);
    }
    const padX = rMax + 40;
    const padY = rMax + 20;
    const sx = (a.w - 2 * padX) / Math.max(x1 - x0, 1e-9);
    const sy = (a.h - 2 * padY) / Math.max(y1 - y0, 1e-9);
    scale = Math.max(0.01, Math.min(sx, sy, 3));
    tx = a.x + a.w / 2 - ((x0 + x1) / 2) * scale;
    ty = a.y + a.h / 2 - ((y0 + y1) / 2) * scale;
    fitScale = scale;
  }

  const zoomRatio = () => Math.min(3, Math.max(0.6, Math.sqrt(scale / fitScale)));
  const sx = (i) => X[i] * scale + tx;
  const sy = (i) => Y[i] * scale + ty;

  function focusNode() {
    return selected >= 0 ? selected : hover;
  }

  // Strokes the ties `list[0..count)` (strongest first) in width classes,
  // lightest first, so heavy ties lie on top.
  function strokeTies(list, count, zr, style, minWidth) {
    const paths = [];
    let path = null;
    let pathWidth = -1;
    for (let j = 0; j < count; j++) {
      const k = list[j];
      const w = Math.max(minWidth, Math.round(width(k) * zr * 2) / 2);
      if (w !== pathWidth) {
        path = new Path2D();
        pathWidth = w;
        paths.push([w, path]);
      }
      path.moveTo(sx(tieA[k]), sy(tieA[k]));
      path.lineTo(sx(tieB[k]), sy(tieB[k]));
    }
    ctx.strokeStyle = style;
    for (let p = paths.length - 1; p >= 0; p--) {
      ctx.lineWidth = paths[p][0];
      ctx.stroke(paths[p][1]);
    }
  }

  // Many nodes on screen: painted pixel by pixel into a layer of their own
  // (anti-aliased discs, small first), then laid over the ties in one
  // drawImage. Filling thousands of arcs as paths costs the browser far more.
  const layer = document.createElement('canvas');
  const layerCtx = layer.getContext('2d');
  let layerImage = null;
  const rgbOf = palette.map((c) => [1, 3, 5].map((k) => parseInt(c.slice(k, k + 2), 16)));
  const GREY = [136, 136, 136];
  // A faded node, painted opaque: 22% of its colour over the background.
  const faded = (rgb) => rgb.map((v, k) => Math.round(0.22 * v + 0.78 * [250, 250, 248][k]));
  const rgbFaded = rgbOf.map(faded);
  const GREY_FADED = faded(GREY);
  function paintNodes(view, dimmed, zr) {
    const pw = canvas.width;
    const ph = canvas.height;
    if (!layerImage || layerImage.width !== pw || layerImage.height !== ph) {
      layer.width = pw;
      layer.height = ph;
      layerImage = layerCtx.createImageData(pw, ph);
    }
    const px = layerImage.data;
    const words = new Uint32Array(px.buffer);
    words.fill(0);
    const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
    const packed = (rgb) =>
      littleEndian
        ? ((255 << 24) | (rgb[2] << 16) | (rgb[1] << 8) | rgb[0]) >>> 0
        : ((rgb[0] << 24) | (rgb[1] << 16) | (rgb[2] << 8) | 255) >>> 0;
    const solid = rgbOf.map(packed);
    const solidFaded = rgbFaded.map(packed);
    const greySolid = packed(GREY);
    const greyFaded = packed(GREY_FADED);
    for (let k = 0; k < n; k++) {
      const i = order[k];
      const x = X[i];
      const y = Y[i];
      if (x < view.x0 || x > view.x1 || y < view.y0 || y > view.y1) continue;
      const g = groupOf[i];
      const dim = dimmed(i);
      const rgb = (dim ? rgbFaded[g] : rgbOf[g]) || (dim ? GREY_FADED : GREY);
      const word = g < solid.length ? (dim ? solidFaded[g] : solid[g]) : dim ? greyFaded : greySolid;
      const r = radius[i] * zr * dpr;
      const cx = (x * scale + tx) * dpr;
      const cy = (y * scale + ty) * dpr;
      const x0 = Math.max(0, Math.floor(cx - r - 0.5));
      const x1 = Math.min(pw - 1, Math.ceil(cx + r + 0.5));
      const y0 = Math.max(0, Math.floor(cy - r - 0.5));
      const y1 = Math.min(ph - 1, Math.ceil(cy + r + 0.5));
      const inner = r > 0.5 ? (r - 0.5) * (r - 0.5) : -1;
      const outer = (r + 0.5) * (r + 0.5);
      for (let py = y0; py <= y1; py++) {
        const dy = py + 0.5 - cy;
        const dy2 = dy * dy;
        let q = py * pw + x0;
        for (let pxl = x0; pxl <= x1; pxl++, q++) {
          const dx = pxl + 0.5 - cx;
          const d2 = dx * dx + dy2;
          if (d2 >= outer) continue;
          if (d2 <= inner) {
            words[q] = word;
            continue;
          }
          const cover = r + 0.5 - Math.sqrt(d2);
          const sa = cover >= 1 ? 1 : cover;
          const p = q * 4;
          const da = px[p + 3] / 255;
          if (da === 0) {
            px[p] = rgb[0];
            px[p + 1] = rgb[1];
            px[p + 2] = rgb[2];
            px[p + 3] = 255 * sa;
            continue;
          }
          const oa = sa + da * (1 - sa);
          const keep = (da * (1 - sa)) / oa;
          const put = sa / oa;
          px[p] = rgb[0] * put + px[p] * keep;
          px[p + 1] = rgb[1] * put + px[p + 1] * keep;
          px[p + 2] = rgb[2] * put + px[p + 2] * keep;
          px[p + 3] = 255 * oa;
        }
      }
    }
    layerCtx.putImageData(layerImage, 0, 0);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(layer, 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  }

  const tieList = new Uint32Array(Math.min(m, TIE_MAX));
  let lastTiesDrawn = 0;
  let tiesBinding = false;

  function draw() {
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = BACKGROUND;
    ctx.fillRect(0, 0, W, H);
    const focus = focusNode();
    const near = new Set();
    if (focus >= 0) {
      for (let p = adjStart[focus]; p < adjStart[focus + 1]; p++) near.add(other(adj[p], focus));
    }
    // With a character in focus, everyone but it and its co-stars fades;
    // otherwise, during a search, everyone but the matches.
    const dimmed = (i) =>
      focus >= 0 ? i !== focus && !near.has(i) && !matchSet[i] : matches !== null && !matchSet[i];
    const zr = zoomRatio();
    // The world rectangle on screen, with a margin for the largest node.
    const margin = (rMax * zr + 3) / scale;
    const wx0 = -tx / scale - margin;
    const wx1 = (W - tx) / scale + margin;
    const wy0 = -ty / scale - margin;
    const wy1 = (H - ty) / scale + margin;
    const onScreen = (i) => X[i] >= wx0 && X[i] <= wx1 && Y[i] >= wy0 && Y[i] <= wy1;

    // Ties: the strongest on screen first, up to the budget.
    ctx.lineCap = 'round';
    let count = 0;
    const budget = Math.max(TIE_MIN, tieBudget);
    for (let k = 0; k < m && count < budget; k++) {
      const a = tieA[k];
      const b = tieB[k];
      if (a === focus || b === focus) continue;
      const xa = X[a];
      const xb = X[b];
      if ((xa < wx0 && xb < wx0) || (xa > wx1 && xb > wx1)) continue;
      const ya = Y[a];
      const yb = Y[b];
      if ((ya < wy0 && yb < wy0) || (ya > wy1 && yb > wy1)) continue;
      tieList[count++] = k;
    }
    lastTiesDrawn = count;
    tiesBinding = count >= budget;
    const fade = matches !== null || focus >= 0;
    const alpha = fade ? 0.12 : count > 2000 ? Math.max(0.12, 0.45 * Math.sqrt(2000 / count)) : 0.45;
    strokeTies(tieList, count, zr, fade ? 'rgba(120, 120, 120, ' + alpha + ')' : 'rgba(110, 110, 110, ' + alpha + ')', 0);
    if (focus >= 0) {
      const mine = [];
      for (let p = adjStart[focus]; p < adjStart[focus + 1] && mine.length < FOCUS_BUDGET; p++) {
        const k = adj[p];
        const o = other(k, focus);
        if (onScreen(o) || onScreen(focus)) mine.push(k);
      }
      strokeTies(mine, mine.length, zr, 'rgba(40, 40, 40, 0.8)', 1);
    }

    // Nodes: one by one with an outline when few are on screen; else one
    // path per size class and colour (small classes first).
    let visible = 0;
    for (let i = 0; i < n; i++) if (onScreen(i)) visible++;
    if (visible <= DETAILED_NODES) {
      for (let k = 0; k < n; k++) {
        const i = order[k];
        if (!onScreen(i)) continue;
        ctx.globalAlpha = dimmed(i) ? 0.22 : 1;
        ctx.beginPath();
        ctx.arc(sx(i), sy(i), radius[i] * zr, 0, 2 * Math.PI);
        ctx.fillStyle = colourOf(i);
        ctx.fill();
        ctx.lineWidth = 1;
        ctx.strokeStyle = '#ffffff';
        ctx.stroke();
      }
      ctx.globalAlpha = 1;
    } else {
      paintNodes({ x0: wx0, x1: wx1, y0: wy0, y1: wy1 }, dimmed, zr);
    }
    const ring = (path, i, r) => {
      path.moveTo(sx(i) + r, sy(i));
      path.arc(sx(i), sy(i), r, 0, 2 * Math.PI);
    };
    if (matches !== null) {
      // A ring around each match on screen (the largest 1,000: the rest stay bright among faded nodes).
      const rings = new Path2D();
      let ringed = 0;
      for (const i of matches) {
        if (!onScreen(i)) continue;
        if (++ringed > 1000) break;
        ring(rings, i, radius[i] * zr + 2.5);
      }
      ctx.strokeStyle = '#d62728';
      ctx.lineWidth = 2.5;
      ctx.stroke(rings);
    }
    const single = (i, style, lw) => {
      const p = new Path2D();
      ring(p, i, radius[i] * zr + 2.5);
      ctx.strokeStyle = style;
      ctx.lineWidth = lw;
      ctx.stroke(p);
    };
    if (hover >= 0 && hover !== selected) single(hover, '#555555', 1.5);
    if (selected >= 0) single(selected, '#111111', 2.5);

    drawLabels(focus, near, dimmed, zr, onScreen);
    return n;
  }

  // Labels below their node, the important ones first, none overlapping;
  // faded characters get a faded label.
  function drawLabels(focus, near, dimmed, zr, onScreen) {
    ctx.font = FONT;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.lineJoin = 'round';
    const placed = [];
    const forced = [];
    if (focus >= 0) forced.push(focus);
    if (matches !== null) forced.push(...matches.slice(0, 50));
    const forcedSet = new Set(forced);
    const seen = new Set();
    let tried = 0;
    const consider = (i) => {
      if (seen.has(i)) return true;
      seen.add(i);
      const isForced = forcedSet.has(i);
      if (!isForced && !onScreen(i)) return true;
      if (!isForced && ++tried > 600) return false;
      if (labelWidth[i] < 0) labelWidth[i] = ctx.measureText(labels[i]).width;
      const x = sx(i);
      const y = sy(i) + radius[i] * zr + 5;
      const box = { x0: x - labelWidth[i] / 2 - 2, y0: y - 1, x1: x + labelWidth[i] / 2 + 2, y1: y + 15 };
      if (box.x1 < 0 || box.y1 < 0 || box.x0 > W || box.y0 > H) return true;
      const clash = placed.some((b) => b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1);
      if (clash && !isForced) return true;
      placed.push(box);
      ctx.lineWidth = 3;
      ctx.strokeStyle = 'rgba(250, 250, 248, 0.92)';
      ctx.strokeText(labels[i], x, y);
      ctx.fillStyle = i === focus ? '#000000' : dimmed(i) ? '#a8a8a8' : '#222222';
      ctx.fillText(labels[i], x, y);
      return true;
    };
    for (const i of forced) consider(i);
    let k = 0;
    for (const i of near) {
      if (++k > 600 || !consider(i)) break;
    }
    for (let j = 0; j < n; j++) if (!consider(bySize[j])) break;
  }

  // Timings: an interaction notes when its input arrived; the frame after
  // the redraw it asked for closes the measure.
  function note(kind, e) {
    const t = e && typeof e.timeStamp === 'number' && e.timeStamp > 0 ? e.timeStamp : performance.now();
    pendingTimings.push([kind, Math.min(t, performance.now())]);
  }

  // The frame after a redraw: adapts the tie budget to what the redraw cost,
  // and closes the measures of the interactions it answered.
  function afterDraw(drawStart) {
    const done = pendingTimings;
    pendingTimings = [];
    requestAnimationFrame(() => {
      const end = performance.now();
      const cost = end - drawStart;
      if (tiesBinding && cost > 70) tieBudget = Math.max(TIE_MIN, Math.floor(tieBudget * 0.6));
      else if (tiesBinding && cost < 35) tieBudget = Math.min(TIE_MAX, Math.ceil(tieBudget * 1.25));
      showTieNote();
      for (const [kind, start] of done) {
        try {
          performance.measure('castgraph:' + kind, { start: start, end: end, detail: { ties: lastTiesDrawn } });
        } catch (err) {
          // Timing is a convenience; an old browser without measure options draws all the same.
        }
      }
    });
  }

  function requestDraw() {
    if (drawPending) return;
    drawPending = true;
    requestAnimationFrame(() => {
      drawPending = false;
      const start = performance.now();
      draw();
      afterDraw(start);
    });
  }

  // Details of one character: scenes, every measure, ties strongest first.
  const SHOWN_TIES = 1000;
  function showDetails(i) {
    detailsEl.replaceChildren();
    if (i < 0) {
      detailsEl.append(el('p', 'hint', 'Hover or click a character to see their scenes, ties and measures.'));
      return;
    }
    detailsEl.append(el('h2', 'name', names[i]));
    const group = data.groups[groupOf[i]];
    const sub = plural(num(scenes[i]), data.unit[0], data.unit[1]) + (castGroup[i] ? ' · a group of characters' : '') +
      (group ? ' · ' + group.label : '');
    detailsEl.append(el('p', 'sub', sub));
    const table = el('table');
    measures.forEach((name, k) => {
      const tr = el('tr', k === sizeIndex ? 'sized' : '');
      const label = name + (estimated.has(name) ? ' (estimate)' : '') + (k === sizeIndex ? ' (size)' : '');
      tr.append(el('td', '', label), el('td', 'num', fmt(values[k][i])));
      table.append(tr);
    });
    detailsEl.append(table);
    const mine = Array.from(adj.subarray(adjStart[i], adjStart[i + 1]));
    // Ties are stored strongest first; equal weights by the co-star's name.
    mine.sort((a, b) => {
      const byWeight = tieW[b] - tieW[a];
      if (byWeight !== 0) return byWeight;
      const na = names[other(a, i)];
      const nb = names[other(b, i)];
      return na < nb ? -1 : na > nb ? 1 : a - b;
    });
    const heading = mine.length
      ? 'Ties (' + thousands(mine.length) + '), strongest first' +
        (mine.length > SHOWN_TIES ? ': the first ' + thousands(SHOWN_TIES) : '')
      : 'No ties';
    detailsEl.append(el('h3', '', heading));
    const list = el('ol');
    for (const k of mine.slice(0, SHOWN_TIES)) {
      const li = el('li', '', names[other(k, i)]);
      let w = ' — ' + fmtWeight(tieW[k]);
      if (num(tieS[k]) !== num(tieW[k])) w += ' (' + plural(num(tieS[k]), data.unit[0], data.unit[1]) + ')';
      li.append(el('span', 'w', w));
      list.append(li);
    }
    detailsEl.append(list);
  }

  function select(i) {
    selected = i;
    showDetails(i >= 0 ? i : hover);
    requestDraw();
  }

  // Search: case- and accent-insensitive substring of the name. Names are
  // folded once, in slices while the page is idle, or all at once on the
  // first search.
  const fold = (s) =>
    String(s)
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase();
  const folded = new Array(n);
  let foldedUpTo = 0;
  function foldNames(until) {
    for (; foldedUpTo < until; foldedUpTo++) {
      const name = names[foldedUpTo];
      // eslint-disable-next-line no-control-regex
      folded[foldedUpTo] = /^[\x00-\x7f]*$/.test(name) ? name.toLowerCase() : fold(name);
    }
  }

  function runSearch(query) {
    const q = fold(query).trim();
    if (matches !== null) for (const i of matches) matchSet[i] = 0;
    if (q === '') {
      matches = null;
      resultEl.textContent = '';
      requestDraw();
      return;
    }
    foldNames(n);
    matches = [];
    for (let j = 0; j < n; j++) {
      const i = bySize[j];
      if (folded[i].includes(q)) matches.push(i);
    }
    for (const i of matches) matchSet[i] = 1;
    const k = matches.length;
    if (k === 0) {
      resultEl.textContent = 'no match';
    } else {
      const shown = matches.slice(0, 5).map((i) => labels[i]);
      resultEl.textContent =
        plural(k, 'match', 'matches') + ': ' + shown.join(', ') + (k > 5 ? ', … (' + (k - 5) + ' more)' : '');
    }
    select(k === 1 ? matches[0] : -1);
  }

  function searchFromHash() {
    const found = /^#search=([\s\S]*)$/.exec(location.hash);
    if (!found) return;
    let q = found[1];
    try {
      q = decodeURIComponent(q);
    } catch (e) {
      // Keep the raw text.
    }
    searchEl.value = q;
    runSearch(q);
  }

  // What the legend says of the ties drawn, when not all of them can be.
  const tieNote = el('div', 'note');
  let tieNoteShown = -1;
  function showTieNote() {
    if (m <= TIE_MIN || lastTiesDrawn === tieNoteShown) return;
    tieNoteShown = lastTiesDrawn;
    tieNote.textContent = tiesBinding
      ? 'Ties drawn: the ' + thousands(lastTiesDrawn) + ' strongest in view, of ' + thousands(m) +
        ': zoom in to see weaker ones.'
      : 'Ties drawn: all ' + thousands(lastTiesDrawn) + ' in view, of ' + thousands(m) + '.';
  }

  // Legend: what size, width and colour mean.
  function buildLegend() {
    const heading = el('h2', '', 'Legend');
    // Embedded: folded to its heading until opened, so it never covers the graph.
    heading.addEventListener('click', () => legendEl.classList.toggle('open'));
    legendEl.append(heading);
    legendEl.append(el('div', 'key', 'Size: ' + data.size_by + ' (area)' + (estimated.has(data.size_by) ? ', estimated' : '')));
    const sizes = el('div', 'row');
    const disc = (r) => {
      const s = el('span', 'disc');
      s.style.width = s.style.height = 2 * r + 'px';
      return s;
    };
    sizes.append(disc(rMin), el('span', 'count', fmt(minSize)), disc(rMax), el('span', 'count', fmt(maxSize)));
    legendEl.append(sizes);
    legendEl.append(el('div', 'key', 'Width: tie weight (' + data.weight + ')'));
    if (m) {
      const lines = el('div', 'row');
      const line = (w) => {
        const s = el('span', 'line');
        s.style.height = Math.max(1, w) + 'px';
        return s;
      };
      const minW = maxWeight > 0 ? 0.6 + 4.4 * (minWeight / maxWeight) : 1;
      lines.append(line(minW), el('span', 'count', fmtWeight(minWeight)), line(5), el('span', 'count', fmtWeight(maxWeight)));
      legendEl.append(lines);
    }
    if (m > TIE_MIN) legendEl.append(tieNote);
    const how =
      data.colour_by === 'community' ? 'Colour: community' : 'Colour: connected component (characters linked by ties)';
    legendEl.append(el('div', 'key', how));
    for (const g of data.groups) {
      const row = el('div', 'row');
      const sw = el('span', 'swatch');
      sw.style.background = safeColour(g.colour);
      row.append(sw, el('span', '', g.label), el('span', 'count', '· ' + num(g.count)));
      legendEl.append(row);
    }
    if (data.estimate_note) legendEl.append(el('p', 'note', data.estimate_note));
  }

  // The list for screen readers, in slices so a large cast does not hold up the first draw.
  function buildCastList(done) {
    const list = document.getElementById('cast-list');
    list.replaceChildren();
    const SLICE = 5000;
    let from = 0;
    const step = () => {
      const part = document.createDocumentFragment();
      const to = Math.min(n, from + SLICE);
      for (let i = from; i < to; i++) part.append(el('li', '', names[i]));
      list.append(part);
      from = to;
      foldNames(Math.min(n, foldedUpTo + SLICE));
      if (from < n || foldedUpTo < n) setTimeout(step, 0);
      else done();
    };
    step();
  }

  // Interaction: drag to pan, wheel and buttons to zoom, hover and click.
  function local(e) {
    const r = canvas.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  // The topmost character under a point (drawn last), from the grid cells around it.
  function nodeAt(p) {
    const zr = zoomRatio();
    const wx = (p.x - tx) / scale;
    const wy = (p.y - ty) / scale;
    const reach = (rMax * zr + 3) / scale;
    const c0 = cellOf(wx - reach);
    const c1 = cellOf(wx + reach);
    const r0 = cellOf(wy - reach);
    const r1 = cellOf(wy + reach);
    let best = -1;
    for (let row = r0; row <= r1; row++) {
      for (let col = c0; col <= c1; col++) {
        const cell = row * GRID + col;
        for (let q = cellStart[cell]; q < cellStart[cell + 1]; q++) {
          const i = cellItems[q];
          const dx = sx(i) - p.x;
          const dy = sy(i) - p.y;
          const r = radius[i] * zr + 3;
          if (dx * dx + dy * dy <= r * r && (best < 0 || drawRank[i] > drawRank[best])) best = i;
        }
      }
    }
    return best;
  }

  function zoomAt(x, y, factor) {
    const next = Math.min(fitScale * 60, Math.max(fitScale * 0.2, scale * factor));
    const f = next / scale;
    tx = x - (x - tx) * f;
    ty = y - (y - ty) * f;
    scale = next;
    requestDraw();
  }

  function zoomCentre(factor) {
    const a = drawingArea();
    zoomAt(a.x + a.w / 2, a.y + a.h / 2, factor);
  }

  let drag = null;
  canvas.addEventListener('pointerdown', (e) => {
    drag = { x: e.clientX, y: e.clientY, tx: tx, ty: ty, moved: false };
    try {
      canvas.setPointerCapture(e.pointerId);
    } catch (err) {
      // A pointer that is no longer active cannot be captured; dragging still works.
    }
  });
  canvas.addEventListener('pointermove', (e) => {
    if (drag) {
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) > 3) {
        drag.moved = true;
        canvas.classList.add('dragging');
      }
      if (drag.moved) {
        tx = drag.tx + dx;
        ty = drag.ty + dy;
        note('pan', e);
        requestDraw();
      }
      return;
    }
    const i = nodeAt(local(e));
    if (i !== hover) {
      hover = i;
      canvas.classList.toggle('pointing', i >= 0);
      if (selected < 0) showDetails(i);
      requestDraw();
    }
  });
  canvas.addEventListener('pointerup', (e) => {
    if (drag && !drag.moved) {
      const i = nodeAt(local(e));
      select(i === selected ? -1 : i);
    }
    drag = null;
    canvas.classList.remove('dragging');
  });
  canvas.addEventListener('pointerleave', () => {
    if (hover >= 0 && !drag) {
      hover = -1;
      if (selected < 0) showDetails(-1);
      requestDraw();
    }
  });
  canvas.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      const p = local(e);
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? H : 1;
      note('zoom', e);
      zoomAt(p.x, p.y, Math.exp(-e.deltaY * unit * 0.0015));
    },
    { passive: false }
  );
  canvas.addEventListener('keydown', (e) => {
    const step = 40;
    if (e.key === '+' || e.key === '=') {
      note('zoom', e);
      zoomCentre(1.4);
    } else if (e.key === '-') {
      note('zoom', e);
      zoomCentre(1 / 1.4);
    } else if (e.key === '0') {
      fit();
      requestDraw();
    } else if (e.key === 'ArrowLeft') tx += step;
    else if (e.key === 'ArrowRight') tx -= step;
    else if (e.key === 'ArrowUp') ty += step;
    else if (e.key === 'ArrowDown') ty -= step;
    else if (e.key === 'Escape') select(-1);
    else return;
    if (e.key.startsWith('Arrow')) note('pan', e);
    e.preventDefault();
    requestDraw();
  });
  document.getElementById('zoom-in').addEventListener('click', (e) => {
    note('zoom', e);
    zoomCentre(1.4);
  });
  document.getElementById('zoom-out').addEventListener('click', (e) => {
    note('zoom', e);
    zoomCentre(1 / 1.4);
  });
  document.getElementById('zoom-fit').addEventListener('click', (e) => {
    note('zoom', e);
    fit();
    requestDraw();
  });
  searchEl.addEventListener('input', (e) => {
    note('search', e);
    runSearch(searchEl.value);
    requestDraw();
  });
  window.addEventListener('hashchange', searchFromHash);
  window.addEventListener('resize', () => {
    resize();
    fit();
    requestDraw();
  });

  buildLegend();
  resize();
  fit();
  searchFromHash();
  const firstStart = performance.now();
  document.body.dataset.drawn = String(draw());
  performance.mark('castgraph:first-draw');
  showTieNote();
  // For tests: where the legend sits, in CSS pixels (x, y, width, height).
  const box = legendEl.getBoundingClientRect();
  document.body.dataset.legend = [box.x, box.y, box.width, box.height].map(Math.round).join(',');
  const ready = () => {
    document.body.dataset.ready = 'true';
  };
  // A small cast is listed at once; a large one after the first frame, in slices.
  if (n <= 5000) buildCastList(ready);
  requestAnimationFrame(() => {
    afterDraw(firstStart);
    requestAnimationFrame(() => {
      performance.mark('castgraph:first-frame');
      if (n > 5000) setTimeout(() => buildCastList(ready), 0);
    });
  });
})();
