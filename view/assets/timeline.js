// reprise view: draws the timeline of the events embedded in this page.
// Only what is on screen is drawn (on a canvas), so 100,000 events stay
// responsive; the DOM holds one label per lane and the side panels.
"use strict";
(function () {
  const E = JSON.parse(document.getElementById("events").textContent);
  const M = JSON.parse(document.getElementById("meta").textContent);
  const LANE_H = 22, AXIS_H = 24;
  const $ = (id) => document.getElementById(id);
  const canvas = $("canvas"), axisCanvas = $("axis-canvas"), scroller = $("scroller");

  // Index the events: by file and seq, by node and node seq.
  const byFileSeq = new Map(), byNodeSeq = new Map();
  const lastT = new Map();
  E.forEach((e, i) => {
    byFileSeq.set(e.f + ":" + e.s, i);
    byNodeSeq.set(e.n + "#" + e.ns, i);
    if (e.k === "s") e.t = lastT.get(e.f) || 0; // a state has no at_ns: it sits where its file was
    lastT.set(e.f, e.t);
  });

  // Lanes: per node, one per port (and task), then probes and states.
  const lanes = [], laneOf = new Map();
  const nodes = [];
  function laneFor(e) {
    let port = e.p, task = e.tk;
    if (e.k === "r") {
      const call = E[byFileSeq.get(e.f + ":" + e.c)];
      if (call) { port = call.p; task = call.tk; } else port = "?";
    }
    const key = e.n + "\u0000" + port + "\u0000" + (task || "");
    let lane = laneOf.get(key);
    if (lane === undefined) {
      if (!nodes.includes(e.n)) nodes.push(e.n);
      lane = { key, node: e.n, port, task, items: [], maxLen: 0, dir: e.d };
      laneOf.set(key, lane);
      lanes.push(lane);
    }
    return lane;
  }
  const rank = (l) => (l.port === "state" ? 3 : l.port === "probe" ? 2 : l.dir === "in" ? 0 : 1);
  const laneIndexOf = new Int32Array(E.length);
  const returnOf = new Map();
  E.forEach((e, i) => { if (e.k === "r") returnOf.set(e.f + ":" + e.c, i); });
  E.forEach((e, i) => {
    if (e.k === "r" && byFileSeq.has(e.f + ":" + e.c)) return; // drawn with its call
    const lane = laneFor(e);
    lane.items.push(i);
  });
  lanes.sort((a, b) => nodes.indexOf(a.node) - nodes.indexOf(b.node) || rank(a) - rank(b) ||
    (a.port + (a.task || "")).localeCompare(b.port + (b.task || "")));
  lanes.forEach((lane, li) => lane.items.forEach((i) => { laneIndexOf[i] = li; }));
  E.forEach((e, i) => {
    if (e.k === "r") { const c = byFileSeq.get(e.f + ":" + e.c); if (c !== undefined) laneIndexOf[i] = laneIndexOf[c]; }
  });

  // Findings, linked to their events.
  const findings = [];
  const findingsOf = new Map();
  (M.overlays || []).forEach((o) => o.findings.forEach((f) => {
    let i;
    if (f.seq !== null && f.seq !== undefined) {
      i = o.node !== null && o.node !== undefined ? byNodeSeq.get(o.node + "#" + f.seq) : byFileSeq.get("0:" + f.seq);
    }
    // A finding about a return is drawn on its call's span.
    const at = i; // the event itself, whose values the paths name
    if (i !== undefined && E[i].k === "r") { const c = byFileSeq.get(E[i].f + ":" + E[i].c); if (c !== undefined) i = c; }
    const item = { f, i, at, report: o.file, headline: findings.length === 0 };
    findings.push(item);
    if (i !== undefined) { if (!findingsOf.has(i)) findingsOf.set(i, []); findingsOf.get(i).push(item); }
  }));

  // Axis: "seq" (file order; the causal order of a merged file) or "time" (at_ns).
  let axis = M.merged ? "seq" : "time";
  const pos = (i) => (axis === "seq" ? E[i].s : E[i].t);
  function end(i) {
    const e = E[i];
    if (e.k !== "c") return pos(i);
    const r = returnOf.get(e.f + ":" + e.s);
    return r === undefined ? pos(i) : pos(r);
  }
  let lo = 0, hi = 1;
  function layout() {
    let min = Infinity, max = -Infinity;
    lanes.forEach((lane) => {
      lane.items.sort((a, b) => pos(a) - pos(b));
      lane.starts = Float64Array.from(lane.items, pos);
      lane.ends = Float64Array.from(lane.items, end);
      lane.maxLen = 0;
      for (let k = 0; k < lane.items.length; k++) {
        lane.maxLen = Math.max(lane.maxLen, lane.ends[k] - lane.starts[k]);
        min = Math.min(min, lane.starts[k]); max = Math.max(max, lane.ends[k]);
      }
    });
    if (!isFinite(min)) { min = 0; max = 1; }
    if (max === min) max = min + 1;
    return [min, max];
  }
  let full = layout();
  function fit() { const pad = (full[1] - full[0]) * 0.02; lo = full[0] - pad; hi = full[1] + pad; draw(); }

  // Arrows of a merged file: send to receive.
  const arrows = [];
  E.forEach((e, i) => { if (e.ca !== undefined) { const s = byFileSeq.get(e.f + ":" + e.ca); if (s !== undefined) arrows.push([s, i]); } });

  // Lane labels.
  const labels = $("labels");
  let prevNode = null;
  lanes.forEach((lane) => {
    const div = document.createElement("div");
    div.className = "lane" + (lane.node !== prevNode ? " node-start" : "");
    div.dataset.lane = lane.key.replace(/\u0000/g, "/");
    const node = document.createElement("span");
    node.className = "node";
    node.textContent = nodes.length > 1 || M.merged ? "node " + lane.node : "";
    div.append(node, document.createTextNode(lane.port + (lane.task ? " [" + lane.task + "]" : "")));
    div.title = div.textContent + " (" + lane.items.length + " events)";
    labels.append(div);
    prevNode = lane.node;
  });

  let selected = null, matches = new Set();
  const x = (v, w) => ((v - lo) / (hi - lo)) * w;
  const colour = (e) => (e.k === "p" ? "#a855f7" : e.k === "s" ? "#f59e0b" : e.d === "in" ? "#2563eb" : "#0d9488");

  function firstVisible(lane, from) {
    let a = 0, b = lane.starts.length;
    while (a < b) { const m = (a + b) >> 1; if (lane.starts[m] < from) a = m + 1; else b = m; }
    return a;
  }

  function draw() {
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth, h = lanes.length * LANE_H;
    canvas.style.height = h + "px";
    canvas.width = Math.max(1, w * dpr); canvas.height = Math.max(1, h * dpr);
    const g = canvas.getContext("2d");
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, h);
    const top = scroller.scrollTop, bottom = top + scroller.clientHeight;
    lanes.forEach((lane, li) => {
      const y = li * LANE_H;
      g.fillStyle = li % 2 ? "#fafafa" : "#fff"; g.fillRect(0, y, w, LANE_H);
      if (y + LANE_H < top || y > bottom) return;
      let k = firstVisible(lane, lo - lane.maxLen);
      let lastPx = -1;
      for (; k < lane.items.length && lane.starts[k] <= hi; k++) {
        if (lane.ends[k] < lo) continue;
        const i = lane.items[k], e = E[i];
        const x0 = x(lane.starts[k], w), x1 = x(lane.ends[k], w);
        if (x1 - x0 < 1 && Math.floor(x0) === lastPx && !findingsOf.has(i) && !matches.has(i)) continue;
        lastPx = Math.floor(x0);
        g.fillStyle = colour(e);
        const ret = returnOf.get(e.f + ":" + e.s);
        if (ret !== undefined && E[ret].o !== "ok") g.fillStyle = "#dc2626";
        if (e.k === "c") g.fillRect(x0, y + 5, Math.max(2, x1 - x0), LANE_H - 10);
        else if (e.k === "s") { g.fillRect(x0 - 1, y + 2, 3, LANE_H - 4); g.globalAlpha = 0.15; g.fillRect(x0 - 1, 0, 3, h); g.globalAlpha = 1; }
        else { g.beginPath(); g.moveTo(x0, y + 4); g.lineTo(x0 + 5, y + LANE_H / 2); g.lineTo(x0, y + LANE_H - 4); g.lineTo(x0 - 5, y + LANE_H / 2); g.fill(); }
        if (findingsOf.has(i) || matches.has(i) || i === selected) {
          g.lineWidth = i === selected ? 3 : 2;
          g.strokeStyle = findingsOf.has(i) ? "#dc2626" : i === selected ? "#111827" : "#f59e0b";
          g.strokeRect(x0 - 4, y + 1, Math.max(2, x1 - x0) + 8, LANE_H - 2);
        }
      }
    });
    g.strokeStyle = "rgba(17,24,39,.55)"; g.fillStyle = "rgba(17,24,39,.55)"; g.lineWidth = 1;
    arrows.forEach(([s, r]) => {
      const ps = pos(s), pr = pos(r);
      if (Math.max(ps, pr) < lo || Math.min(ps, pr) > hi) return;
      const xs = x(ps, w), xr = x(pr, w);
      const ys = laneIndexOf[s] * LANE_H + LANE_H / 2, yr = laneIndexOf[r] * LANE_H + LANE_H / 2;
      g.beginPath(); g.moveTo(xs, ys); g.lineTo(xr, yr); g.stroke();
      const a = Math.atan2(yr - ys, xr - xs);
      g.beginPath(); g.moveTo(xr, yr); g.lineTo(xr - 7 * Math.cos(a - 0.4), yr - 7 * Math.sin(a - 0.4));
      g.lineTo(xr - 7 * Math.cos(a + 0.4), yr - 7 * Math.sin(a + 0.4)); g.fill();
    });
    drawAxis();
  }

  function drawAxis() {
    const dpr = window.devicePixelRatio || 1, w = axisCanvas.parentNode.clientWidth - 200;
    axisCanvas.width = Math.max(1, w * dpr); axisCanvas.style.width = w + "px";
    axisCanvas.height = AXIS_H * dpr; axisCanvas.style.height = AXIS_H + "px";
    const g = axisCanvas.getContext("2d");
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, AXIS_H); g.fillStyle = "#6b7280"; g.font = "11px system-ui";
    const span = hi - lo, step = Math.pow(10, Math.floor(Math.log10(span / 5)));
    const unit = axis === "seq" ? (v) => "#" + Math.round(v) : (v) => fmtNs(v);
    for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) {
      const px = x(v, w); g.fillRect(px, AXIS_H - 6, 1, 6); g.fillText(unit(v), px + 2, 12);
    }
  }
  const fmtNs = (v) => (Math.abs(v) >= 1e9 ? (v / 1e9).toFixed(3) + " s" : Math.abs(v) >= 1e6 ? (v / 1e6).toFixed(2) + " ms" : Math.abs(v) >= 1e3 ? (v / 1e3).toFixed(1) + " µs" : Math.round(v) + " ns");

  // Details: the payload as the file holds it; `[redacted:...]` placeholders
  // marked (pseudonyms and hashes are not: they look like any value).
  const escapeHtml = (s) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  const pretty = (v) => escapeHtml(JSON.stringify(v, null, 2) ?? "null")
    .replace(/\[redacted:[^\]\n]*\]/g, (m) => '<mark class="scrubbed" title="scrubbed by the sanitizer: the file holds this placeholder, not the value">' + m + "</mark>");
  // A finding in words: its kind, expectation and paths; never a value.
  function findingText(f) {
    let t = f.kind.replace(/_/g, " ") + (f.expectation ? " (" + f.expectation + ")" : "");
    if (f.paths.length) t += " at " + f.paths.join(", ");
    if (f.hidden_paths) t += (f.paths.length ? " and " : " at ") + f.hidden_paths + " path" + (f.hidden_paths === 1 ? "" : "s") + " the transcript does not hold";
    return t;
  }
  // The event as its line in the file, for a finding's paths.
  function lineOf(e) {
    if (e.k === "c") return { kind: "call", seq: e.ns, dir: e.d, port: e.p, method: e.m, args: e.x, task: e.tk };
    if (e.k === "r") return { kind: "return", seq: e.ns, [e.o]: e.x };
    if (e.k === "p") return { kind: "probe", seq: e.ns, name: e.m, fields: e.x };
    return { kind: "state", seq: e.ns, label: e.m, state: e.x };
  }
  // The value a path of keys and indices (`$.args.to[0]`, `$['a b']`) names.
  function valueAt(v, path) {
    const step = /\.([A-Za-z0-9_$-]+)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]/y;
    let k = path.startsWith("$") ? 1 : 0, m;
    while (k < path.length && v !== undefined && v !== null) {
      step.lastIndex = k;
      if (!(m = step.exec(path))) return undefined;
      k = step.lastIndex;
      const key = m[1] ?? (m[2] !== undefined ? +m[2] : (m[3] ?? m[4]).replace(/\\(.)/g, "$1"));
      v = v[key];
    }
    return v;
  }
  function describe(e) {
    const what = e.k === "c" ? (e.d === "in" ? "inbound " : "outbound ") + e.p + "." + e.m
      : e.k === "p" ? "probe " + e.m : e.k === "s" ? "state (" + e.m + ")" : "return";
    return (nodes.length > 1 || M.merged ? "node " + e.n + " " : "") + "#" + e.s + " " + what;
  }
  function select(i, centre) {
    selected = i;
    const e = E[i], d = $("details");
    let html = '<p class="where">' + escapeHtml(describe(e)) + "</p><p>at_ns " + e.t +
      (e.cl !== undefined ? ", clock " + e.cl + ", node seq " + e.ns : "") +
      (e.ca !== undefined ? ', received from <a href="#" data-go="' + byFileSeq.get(e.f + ":" + e.ca) + '">#' + e.ca + "</a>" : "") + "</p>";
    html += "<h2>" + (e.k === "c" ? "args" : e.k === "r" ? e.o : e.k === "p" ? "fields" : "state") + "</h2><pre>" + pretty(e.x) + "</pre>";
    const r = e.k === "c" ? returnOf.get(e.f + ":" + e.s) : undefined;
    if (r !== undefined) html += "<h2>return #" + E[r].s + " (" + E[r].o + ", " + fmtNs(E[r].t - e.t) + ")</h2><pre>" + pretty(E[r].x) + "</pre>";
    // A finding shows the transcript's own values at its paths: the page
    // never holds a report's expected or actual values, nor its message.
    (findingsOf.get(i) || []).forEach((it) => {
      html += '<h2 class="finding"><span class="kind">' + escapeHtml(it.f.kind) + "</span></h2><p>" + escapeHtml(findingText(it.f)) + "</p>";
      it.f.paths.forEach((p) => {
        html += '<h2 class="path">recorded at ' + escapeHtml(p) + "</h2><pre>" + pretty(valueAt(lineOf(E[it.at]), p)) + "</pre>";
      });
    });
    d.innerHTML = html;
    d.querySelectorAll("a[data-go]").forEach((a) => a.addEventListener("click", (ev) => { ev.preventDefault(); select(+a.dataset.go, true); }));
    if (centre) {
      const half = (hi - lo) / 2, p = pos(i);
      if (p < lo || p > hi) { lo = p - half; hi = p + half; }
      const y = laneIndexOf[i] * LANE_H;
      if (y < scroller.scrollTop || y > scroller.scrollTop + scroller.clientHeight - LANE_H) scroller.scrollTop = y - scroller.clientHeight / 2;
    }
    draw();
  }

  // The findings panel.
  const list = $("findings");
  if (!findings.length) list.innerHTML = '<li class="none">No report overlaid (reprise view --report REPORT.json).</li>';
  findings.forEach((it) => {
    const li = document.createElement("li");
    li.className = "finding" + (it.headline ? " headline" : "") + (it.f.severity === "warn" ? " warn" : "") + (it.i === undefined ? " unlinked" : "");
    if (it.i !== undefined) li.dataset.event = String(it.i);
    const where = it.i !== undefined ? describe(E[it.i]) : it.f.seq !== null && it.f.seq !== undefined ? "#" + it.f.seq + " (not in this view)" : it.f.port + "." + it.f.method;
    li.innerHTML = '<span class="kind">' + escapeHtml(it.f.kind.replace(/_/g, " ")) + "</span> " + escapeHtml(where) + "<br>" + escapeHtml(findingText(it.f));
    if (it.i !== undefined) li.addEventListener("click", () => select(it.i, true));
    list.append(li);
  });

  // Search: a number is a seq; any other text is a method, port or payload text.
  let searchTimer = 0;
  $("search").addEventListener("input", () => { clearTimeout(searchTimer); searchTimer = setTimeout(search, 150); });
  function search() {
    const q = $("search").value.trim().toLowerCase(), results = $("results");
    matches = new Set(); results.innerHTML = "";
    $("results-panel").hidden = q === "";
    if (q !== "") {
      const seq = /^#?\d+$/.test(q) ? +q.replace("#", "") : null;
      E.forEach((e, i) => {
        if (seq !== null ? e.s === seq || e.ns === seq
          : ((e.p || "") + "." + (e.m || "")).toLowerCase().includes(q) || JSON.stringify(e.x).toLowerCase().includes(q)) matches.add(i);
      });
      let shown = 0;
      for (const i of matches) {
        if (shown++ === 200) { const li = document.createElement("li"); li.textContent = "… " + (matches.size - 200) + " more"; results.append(li); break; }
        const li = document.createElement("li"); li.textContent = describe(E[i]);
        li.addEventListener("click", () => select(i, true)); results.append(li);
      }
      if (!matches.size) results.innerHTML = '<li class="none">no event matches</li>';
    }
    draw();
  }

  // Zoom (wheel, buttons, + - 0) and pan (drag, shift+wheel).
  function zoom(f, at) { const c = at === undefined ? (lo + hi) / 2 : at; lo = c - (c - lo) * f; hi = c + (hi - c) * f; draw(); }
  // Wheel zooms around the pointer; shift+wheel pans. The lanes scroll with their scrollbar.
  canvas.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    if (ev.shiftKey) { const d = ((ev.deltaY || ev.deltaX) / canvas.clientWidth) * (hi - lo); lo += d; hi += d; draw(); return; }
    const at = lo + (ev.offsetX / canvas.clientWidth) * (hi - lo);
    zoom(ev.deltaY > 0 ? 1.25 : 0.8, at);
  }, { passive: false });
  let drag = null;
  canvas.addEventListener("mousedown", (ev) => { drag = { x: ev.clientX, lo, hi, moved: false }; canvas.classList.add("dragging"); });
  window.addEventListener("mousemove", (ev) => {
    if (!drag) return;
    const d = ((ev.clientX - drag.x) / canvas.clientWidth) * (drag.hi - drag.lo);
    if (Math.abs(ev.clientX - drag.x) > 3) drag.moved = true;
    lo = drag.lo - d; hi = drag.hi - d; draw();
  });
  window.addEventListener("mouseup", (ev) => {
    if (drag && !drag.moved) pick(ev);
    drag = null; canvas.classList.remove("dragging");
  });
  function pick(ev) {
    const r = canvas.getBoundingClientRect(), px = ev.clientX - r.left, li = Math.floor((ev.clientY - r.top) / LANE_H);
    const lane = lanes[li]; if (!lane) return;
    const w = canvas.clientWidth, at = lo + (px / w) * (hi - lo), slack = (6 / w) * (hi - lo);
    let best = null, bestD = Infinity;
    for (let k = firstVisible(lane, at - lane.maxLen - slack); k < lane.items.length && lane.starts[k] <= at + slack; k++) {
      const d = at < lane.starts[k] ? lane.starts[k] - at : at > lane.ends[k] ? at - lane.ends[k] : 0;
      if (d <= slack && d < bestD) { best = lane.items[k]; bestD = d; }
    }
    if (best !== null) select(best, false);
  }
  $("zoom-in").addEventListener("click", () => zoom(0.5));
  $("zoom-out").addEventListener("click", () => zoom(2));
  $("fit").addEventListener("click", fit);
  window.addEventListener("keydown", (ev) => {
    if (ev.target.tagName === "INPUT") return;
    if (ev.key === "+" || ev.key === "=") zoom(0.5); else if (ev.key === "-") zoom(2); else if (ev.key === "0") fit();
  });
  function setAxis(a) {
    axis = a; $("axis-time").classList.toggle("on", a === "time"); $("axis-seq").classList.toggle("on", a === "seq");
    full = layout(); fit();
  }
  $("axis-time").addEventListener("click", () => setAxis("time"));
  $("axis-seq").addEventListener("click", () => setAxis("seq"));
  window.addEventListener("resize", draw);
  scroller.addEventListener("scroll", draw);

  setAxis(axis);
  // Open on the headline finding, zoomed around it.
  const head = findings.find((it) => it.i !== undefined);
  if (head) { const p = pos(head.i), span = (full[1] - full[0]) / 8; lo = p - span; hi = p + span; select(head.i, true); }
  // How long opening took, and one redraw (what a zoom or pan costs), for
  // the browser test and the curious.
  const t0 = performance.now(); draw(); const redraw = performance.now() - t0;
  document.body.dataset.openMs = String(Math.round(t0));
  document.body.dataset.redrawMs = redraw.toFixed(1);
  document.body.dataset.lanes = String(lanes.length);
  document.body.dataset.events = String(E.length);
  document.body.dataset.ready = "1";
})();
