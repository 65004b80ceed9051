// castgraph's interactive view: draws the graph embedded in #castgraph-data
// on a canvas. Names are shown only through textContent or drawn on the
// canvas, never parsed as markup. The page redraws only when something changes.
(function () {
  'use strict';

  const data = JSON.parse(document.getElementById('castgraph-data').textContent);
  const nodes = data.nodes;
  const ties = data.ties;
  const n = nodes.length;
  const measures = data.measures;
  const sizeIndex = Math.max(0, measures.indexOf(data.size_by));

  const canvas = document.getElementById('view');
  const ctx = canvas.getContext('2d');
  const stage = document.getElementById('stage');
  const detailsEl = document.getElementById('details');
  const legendEl = document.getElementById('legend');
  const searchEl = document.getElementById('search');
  const resultEl = document.getElementById('search-result');
  const FONT = '12px system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif';

  const num = (v) => (typeof v === 'number' && isFinite(v) ? v : 0);
  const fmt = (v) => (Number.isInteger(num(v)) ? String(num(v)) : num(v).toFixed(4));
  const fmtWeight = (v) => (Number.isInteger(num(v)) ? String(num(v)) : String(Number(num(v).toFixed(4))));
  const plural = (k, one, many) => k + ' ' + (k === 1 ? one : many);

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // Node sizes (area grows with the measure), colours, tie widths.
  const sizeValues = nodes.map((d) => Math.max(0, num(d.values[sizeIndex])));
  const maxSize = sizeValues.reduce((a, b) => Math.max(a, b), 0);
  const minSize = sizeValues.reduce((a, b) => Math.min(a, b), maxSize);
  const rMax = Math.min(20, Math.max(7, 240 / Math.sqrt(Math.max(n, 1))));
  const rMin = Math.max(2, rMax * 0.25);
  const radius = sizeValues.map((v) => (maxSize > 0 ? rMin + (rMax - rMin) * Math.sqrt(v / maxSize) : rMin));
  const safeColour = (c) => (/^#[0-9a-fA-F]{6}$/.test(c) ? c : '#888888');
  const colour = nodes.map((d) => safeColour((data.groups[d.group] || {}).colour));
  const weights = ties.map((t) => Math.max(0, num(t[2])));
  const maxWeight = weights.reduce((a, b) => Math.max(a, b), 0);
  const minWeight = weights.reduce((a, b) => Math.min(a, b), maxWeight);
  const width = weights.map((w) => (maxWeight > 0 ? 0.6 + 4.4 * (w / maxWeight) : 1));
  const labels = nodes.map((d) => {
    const chars = Array.from(String(d.name).replace(/\s+/g, ' ').trim());
    return chars.length > 40 ? chars.slice(0, 39).join('') + '…' : chars.join('');
  });
  const labelWidth = new Array(n).fill(-1);

  const adjacency = nodes.map(() => []);
  ties.forEach((t, k) => {
    adjacency[t[0]].push(k);
    adjacency[t[1]].push(k);
  });
  // Draw small nodes first, so large ones are on top; light ties first.
  const order = nodes.map((_, i) => i).sort((a, b) => radius[a] - radius[b] || a - b);
  const tieOrder = ties.map((_, k) => k).sort((a, b) => weights[a] - weights[b] || a - b);
  const bySize = nodes.map((_, i) => i).sort((a, b) => radius[b] - radius[a] || a - b);

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
  let matchSet = new Set();
  let drawPending = false;

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
    for (const d of nodes) {
      x0 = Math.min(x0, num(d.x));
      x1 = Math.max(x1, num(d.x));
      y0 = Math.min(y0, num(d.y));
      y1 = Math.max(y1, num(d.y));
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
  const sx = (i) => num(nodes[i].x) * scale + tx;
  const sy = (i) => num(nodes[i].y) * scale + ty;

  function focusNode() {
    return selected >= 0 ? selected : hover;
  }

  function draw() {
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, W, H);
    const focus = focusNode();
    const near = new Set();
    if (focus >= 0) {
      for (const k of adjacency[focus]) near.add(ties[k][0] === focus ? ties[k][1] : ties[k][0]);
    }
    // With a character in focus, everyone but it and its co-stars fades;
    // otherwise, during a search, everyone but the matches.
    const dimmed = (i) =>
      focus >= 0 ? i !== focus && !near.has(i) && !matchSet.has(i) : matches !== null && !matchSet.has(i);
    const zr = zoomRatio();

    // Ties: one path per width step, the focus's ties last and dark.
    ctx.lineCap = 'round';
    const fade = matches !== null || focus >= 0;
    let path = null;
    let pathWidth = -1;
    const flush = (style) => {
      if (path) {
        ctx.strokeStyle = style;
        ctx.lineWidth = pathWidth;
        ctx.stroke(path);
      }
      path = null;
    };
    const light = fade ? 'rgba(120, 120, 120, 0.12)' : 'rgba(110, 110, 110, 0.45)';
    for (const k of tieOrder) {
      const t = ties[k];
      if (t[0] === focus || t[1] === focus) continue;
      const w = Math.round(width[k] * zr * 2) / 2;
      if (w !== pathWidth) {
        flush(light);
        pathWidth = w;
      }
      path = path || new Path2D();
      path.moveTo(sx(t[0]), sy(t[0]));
      path.lineTo(sx(t[1]), sy(t[1]));
    }
    flush(light);
    if (focus >= 0) {
      for (const k of adjacency[focus]) {
        const t = ties[k];
        ctx.beginPath();
        ctx.moveTo(sx(t[0]), sy(t[0]));
        ctx.lineTo(sx(t[1]), sy(t[1]));
        ctx.strokeStyle = 'rgba(40, 40, 40, 0.8)';
        ctx.lineWidth = Math.max(1, width[k] * zr);
        ctx.stroke();
      }
    }

    // Nodes.
    let drawn = 0;
    for (const i of order) {
      const x = sx(i);
      const y = sy(i);
      const r = radius[i] * zr;
      drawn++;
      if (x < -r || y < -r || x > W + r || y > H + r) continue;
      ctx.globalAlpha = dimmed(i) ? 0.22 : 1;
      ctx.beginPath();
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.fillStyle = colour[i];
      ctx.fill();
      ctx.lineWidth = 1;
      ctx.strokeStyle = '#ffffff';
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    const ring = (i, style, lw) => {
      ctx.beginPath();
      ctx.arc(sx(i), sy(i), radius[i] * zr + 2.5, 0, 2 * Math.PI);
      ctx.strokeStyle = style;
      ctx.lineWidth = lw;
      ctx.stroke();
    };
    if (matches !== null) for (const i of matches) ring(i, '#d62728', 2.5);
    if (hover >= 0 && hover !== selected) ring(hover, '#555555', 1.5);
    if (selected >= 0) ring(selected, '#111111', 2.5);

    drawLabels(focus, near, dimmed, zr);
    return drawn;
  }

  // Labels below their node, the important ones first, none overlapping;
  // faded characters get a faded label.
  function drawLabels(focus, near, dimmed, zr) {
    ctx.font = FONT;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.lineJoin = 'round';
    const placed = [];
    const forced = [];
    if (focus >= 0) forced.push(focus);
    if (matches !== null) forced.push(...matches.slice(0, 50));
    const seen = new Set();
    const candidates = forced.concat([...near], bySize);
    let tried = 0;
    for (const i of candidates) {
      if (seen.has(i)) continue;
      seen.add(i);
      const isForced = forced.includes(i);
      if (!isForced && ++tried > 600) break;
      if (labelWidth[i] < 0) labelWidth[i] = ctx.measureText(labels[i]).width;
      const x = sx(i);
      const y = sy(i) + radius[i] * zr + 5;
      const box = { x0: x - labelWidth[i] / 2 - 2, y0: y - 1, x1: x + labelWidth[i] / 2 + 2, y1: y + 15 };
      if (box.x1 < 0 || box.y1 < 0 || box.x0 > W || box.y0 > H) continue;
      const clash = placed.some((b) => b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1);
      if (clash && !isForced) continue;
      placed.push(box);
      ctx.lineWidth = 3;
      ctx.strokeStyle = 'rgba(250, 250, 248, 0.92)';
      ctx.strokeText(labels[i], x, y);
      ctx.fillStyle = i === focus ? '#000000' : dimmed(i) ? '#a8a8a8' : '#222222';
      ctx.fillText(labels[i], x, y);
    }
  }

  function requestDraw() {
    if (drawPending) return;
    drawPending = true;
    requestAnimationFrame(() => {
      drawPending = false;
      draw();
    });
  }

  // Details of one character: scenes, every measure, ties strongest first.
  function showDetails(i) {
    detailsEl.replaceChildren();
    if (i < 0) {
      detailsEl.append(el('p', 'hint', 'Hover or click a character to see their scenes, ties and measures.'));
      return;
    }
    const d = nodes[i];
    detailsEl.append(el('h2', 'name', d.name));
    const group = data.groups[d.group];
    const sub = plural(num(d.scenes), data.unit[0], data.unit[1]) + (d.cast_group === true ? ' · a group of characters' : '') +
      (group ? ' · ' + group.label : '');
    detailsEl.append(el('p', 'sub', sub));
    const table = el('table');
    measures.forEach((m, k) => {
      const tr = el('tr', k === sizeIndex ? 'sized' : '');
      tr.append(el('td', '', m + (k === sizeIndex ? ' (size)' : '')), el('td', 'num', fmt(d.values[k])));
      table.append(tr);
    });
    detailsEl.append(table);
    const mine = adjacency[i].slice().sort((a, b) => {
      const byWeight = weights[b] - weights[a];
      if (byWeight !== 0) return byWeight;
      const na = nodes[ties[a][0] === i ? ties[a][1] : ties[a][0]].name;
      const nb = nodes[ties[b][0] === i ? ties[b][1] : ties[b][0]].name;
      return na < nb ? -1 : na > nb ? 1 : a - b;
    });
    detailsEl.append(el('h3', '', mine.length ? 'Ties (' + mine.length + '), strongest first' : 'No ties'));
    const list = el('ol');
    for (const k of mine) {
      const t = ties[k];
      const other = t[0] === i ? t[1] : t[0];
      const li = el('li', '', nodes[other].name);
      let w = ' — ' + fmtWeight(t[2]);
      if (num(t[3]) !== num(t[2])) w += ' (' + plural(num(t[3]), data.unit[0], data.unit[1]) + ')';
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

  // Search: case- and accent-insensitive substring of the name.
  const fold = (s) =>
    String(s)
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase();
  const folded = nodes.map((d) => fold(d.name));

  function runSearch(query) {
    const q = fold(query).trim();
    if (q === '') {
      matches = null;
      matchSet = new Set();
      resultEl.textContent = '';
      requestDraw();
      return;
    }
    matches = bySize.filter((i) => folded[i].includes(q));
    matchSet = new Set(matches);
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
    const m = /^#search=([\s\S]*)$/.exec(location.hash);
    if (!m) return;
    let q = m[1];
    try {
      q = decodeURIComponent(q);
    } catch (e) {
      // Keep the raw text.
    }
    searchEl.value = q;
    runSearch(q);
  }

  // Legend: what size, width and colour mean.
  function buildLegend() {
    const heading = el('h2', '', 'Legend');
    // Embedded: folded to its heading until opened, so it never covers the graph.
    heading.addEventListener('click', () => legendEl.classList.toggle('open'));
    legendEl.append(heading);
    legendEl.append(el('div', 'key', 'Size: ' + data.size_by + ' (area)'));
    const sizes = el('div', 'row');
    const disc = (r) => {
      const s = el('span', 'disc');
      s.style.width = s.style.height = 2 * r + 'px';
      return s;
    };
    sizes.append(disc(rMin), el('span', 'count', fmt(minSize)), disc(rMax), el('span', 'count', fmt(maxSize)));
    legendEl.append(sizes);
    legendEl.append(el('div', 'key', 'Width: tie weight (' + data.weight + ')'));
    if (ties.length) {
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
  }

  function buildCastList() {
    const list = document.getElementById('cast-list');
    const items = nodes.map((d) => el('li', '', d.name));
    list.replaceChildren(...items);
  }

  // Interaction: drag to pan, wheel and buttons to zoom, hover and click.
  function local(e) {
    const r = canvas.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  function nodeAt(p) {
    const zr = zoomRatio();
    for (let k = order.length - 1; k >= 0; k--) {
      const i = order[k];
      const dx = sx(i) - p.x;
      const dy = sy(i) - p.y;
      const r = radius[i] * zr + 3;
      if (dx * dx + dy * dy <= r * r) return i;
    }
    return -1;
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
      zoomAt(p.x, p.y, Math.exp(-e.deltaY * unit * 0.0015));
    },
    { passive: false }
  );
  canvas.addEventListener('keydown', (e) => {
    const step = 40;
    if (e.key === '+' || e.key === '=') zoomCentre(1.4);
    else if (e.key === '-') zoomCentre(1 / 1.4);
    else if (e.key === '0') {
      fit();
      requestDraw();
    } else if (e.key === 'ArrowLeft') tx += step;
    else if (e.key === 'ArrowRight') tx -= step;
    else if (e.key === 'ArrowUp') ty += step;
    else if (e.key === 'ArrowDown') ty -= step;
    else if (e.key === 'Escape') select(-1);
    else return;
    e.preventDefault();
    requestDraw();
  });
  document.getElementById('zoom-in').addEventListener('click', () => zoomCentre(1.4));
  document.getElementById('zoom-out').addEventListener('click', () => zoomCentre(1 / 1.4));
  document.getElementById('zoom-fit').addEventListener('click', () => {
    fit();
    requestDraw();
  });
  searchEl.addEventListener('input', () => runSearch(searchEl.value));
  window.addEventListener('hashchange', searchFromHash);
  window.addEventListener('resize', () => {
    resize();
    fit();
    requestDraw();
  });

  buildLegend();
  buildCastList();
  resize();
  fit();
  searchFromHash();
  document.body.dataset.drawn = String(draw());
  // For tests: where the legend sits, in CSS pixels (x, y, width, height).
  const box = legendEl.getBoundingClientRect();
  document.body.dataset.legend = [box.x, box.y, box.width, box.height].map(Math.round).join(',');
})();
