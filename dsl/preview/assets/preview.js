// obs preview: draws the dashboards of a page from the JSON embedded in it (#preview-data).
// Runs in the browser with uPlot (time series, sparklines, heatmaps) and marked (text panels) inlined
// before it as globals; the formatting functions are exported so tests can call them directly.

/** Grafana's grid: 24 columns, 30 px rows with an 8 px gap (one row unit is 38 px). */
export const ROW_UNIT = 38;
export const GAP = 8;

const PALETTE = ['#7EB26D', '#EAB839', '#6ED0E0', '#EF843C', '#E24D42', '#1F78C1', '#BA43A9', '#705DA0', '#508642', '#CCA300', '#447EBC', '#C15C17', '#890F02', '#0A437C', '#6D1F62', '#584477'];

const NAMED = {
  green: '#73BF69', red: '#F2495C', orange: '#FF9830', yellow: '#FADE2A', blue: '#5794F2', purple: '#B877D9', text: '#ccccdc', transparent: 'transparent',
  'dark-green': '#37872D', 'dark-red': '#C4162A', 'dark-orange': '#FA6400', 'dark-yellow': '#E0B400', 'dark-blue': '#1F60C4', 'dark-purple': '#8F3BB8',
  'semi-dark-green': '#56A64B', 'semi-dark-red': '#E02F44', 'semi-dark-orange': '#FF780A', 'semi-dark-yellow': '#F2CC0C', 'semi-dark-blue': '#3274D9', 'semi-dark-purple': '#A352CC',
  'light-green': '#96D98D', 'light-red': '#FF7383', 'light-orange': '#FFB357', 'light-yellow': '#FFEE52', 'light-blue': '#8AB8FF', 'light-purple': '#CA95E5',
  'super-light-green': '#C8F2C2', 'super-light-red': '#FFA6B0', 'super-light-orange': '#FFCB7D', 'super-light-yellow': '#FFF899', 'super-light-blue': '#C0D8FF', 'super-light-purple': '#DEB6F2',
};

export function color(name, i = 0) {
  if (!name) return PALETTE[i % PALETTE.length];
  return NAMED[name] ?? name;
}

// ---------------------------------------------------------------------------------------------
// Units: the value formats Grafana's unit picker offers (the ones dashboards here use, and kin).

const SI = ['', ' k', ' M', ' G', ' T', ' P', ' E'];
const SHORT = ['', ' K', ' Mil', ' Bil', ' Tri', ' Quadr', ' Quint'];

function fixed(v, decimals) {
  if (decimals !== undefined && decimals !== null) return v.toFixed(decimals);
  const a = Math.abs(v);
  const d = a === 0 ? 0 : a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : Math.min(6, 1 - Math.floor(Math.log10(a)) + 1);
  return String(Number(v.toFixed(d)));
}

function scaled(v, decimals, base, suffixes, unit) {
  let i = 0;
  let x = v;
  while (Math.abs(x) >= base && i < suffixes.length - 1) { x /= base; i++; }
  return `${fixed(x, decimals)}${suffixes[i]}${unit}`;
}

function duration(v, decimals, inUnit) {
  const ns = { ns: 1e-9, 'µs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600, d: 86400 }[inUnit];
  const s = v * ns;
  const a = Math.abs(s);
  if (a === 0) return `0 ${inUnit}`;
  const steps = [['ns', 1e-9], ['µs', 1e-6], ['ms', 1e-3], ['s', 1], ['min', 60], ['hour', 3600], ['day', 86400], ['week', 604800], ['year', 31536000]];
  let pick = steps[0];
  for (const st of steps) if (a >= st[1]) pick = st;
  const n = s / pick[1];
  const label = pick[0] === 'min' || pick[0] === 'hour' || pick[0] === 'day' || pick[0] === 'week' || pick[0] === 'year' ? ` ${pick[0]}` : ` ${pick[0]}`;
  return `${fixed(n, decimals)}${label}`;
}

const RATE = { reqps: ' req/s', rps: ' rd/s', wps: ' wr/s', iops: ' io/s', ops: ' ops/s', opm: ' ops/min', rpm: ' rpm', rowsps: ' rows/s', pps: ' p/s', cps: ' c/s', mps: ' msg/s', eps: ' evt/s' };
const CURRENCY = { currencyUSD: '$', currencyEUR: '€', currencyGBP: '£', currencyJPY: '¥', currencyCHF: 'CHF ' };

/** A value as Grafana shows it in `unit` (with `decimals` when set). */
export function formatValue(v, unit, decimals) {
  if (v === null || v === undefined || Number.isNaN(v)) return 'No data';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  const u = unit ?? 'short';
  if (u.startsWith('suffix:')) return `${fixed(v, decimals)}${u.slice(7)}`;
  if (u.startsWith('prefix:')) return `${u.slice(7)}${fixed(v, decimals)}`;
  if (u in RATE) return scaled(v, decimals, 1000, SHORT, RATE[u]);
  if (u in CURRENCY) return `${CURRENCY[u]}${scaled(v, decimals ?? 2, 1000, ['', 'K', 'M', 'B', 'T'], '')}`;
  switch (u) {
    case 'none': return fixed(v, decimals);
    case 'short': return scaled(v, decimals, 1000, SHORT, '');
    case 'percent': return `${fixed(v, decimals)}%`;
    case 'percentunit': return `${fixed(v * 100, decimals)}%`;
    case 'bytes': return scaled(v, decimals, 1024, [' B', ' KiB', ' MiB', ' GiB', ' TiB', ' PiB'], '');
    case 'decbytes': return scaled(v, decimals, 1000, [' B', ' kB', ' MB', ' GB', ' TB', ' PB'], '');
    case 'bits': return scaled(v, decimals, 1024, [' b', ' Kib', ' Mib', ' Gib', ' Tib'], '');
    case 'decbits': return scaled(v, decimals, 1000, [' b', ' kb', ' Mb', ' Gb', ' Tb'], '');
    case 'Bps': return scaled(v, decimals, 1000, [' B/s', ' kB/s', ' MB/s', ' GB/s', ' TB/s'], '');
    case 'binBps': return scaled(v, decimals, 1024, [' B/s', ' KiB/s', ' MiB/s', ' GiB/s', ' TiB/s'], '');
    case 'bps': return scaled(v, decimals, 1000, [' b/s', ' kb/s', ' Mb/s', ' Gb/s', ' Tb/s'], '');
    case 'ns': case 'µs': case 'ms': case 's': case 'm': case 'h': case 'd': return duration(v, decimals, u);
    case 'dtdurations': return duration(v, decimals, 's');
    case 'dtdurationms': return duration(v, decimals, 'ms');
    case 'hertz': return scaled(v, decimals, 1000, [' Hz', ' kHz', ' MHz', ' GHz'], '');
    case 'celsius': return `${fixed(v, decimals)}°C`;
    case 'watt': return scaled(v, decimals, 1000, [' W', ' kW', ' MW', ' GW'], '');
    case 'volt': return `${fixed(v, decimals)} V`;
    case 'dateTimeAsIso': return new Date(v).toISOString();
    case 'bool': return v ? 'true' : 'false';
    default: return scaled(v, decimals, 1000, SI, ` ${u}`).replace(/ {2,}/g, ' ');
  }
}

// ---------------------------------------------------------------------------------------------
// Field config: unit, decimals, min/max, thresholds, value mappings, overrides by name.

export function fieldDefaults(panel) {
  const d = panel?.fieldConfig?.defaults ?? {};
  return { unit: d.unit, decimals: d.decimals, min: d.min, max: d.max, thresholds: d.thresholds, mappings: d.mappings ?? [], color: d.color, custom: d.custom ?? {}, displayName: d.displayName, noValue: d.noValue };
}

/** The field config for a series or column name, with the panel's byName / byRegexp overrides applied. */
export function fieldFor(panel, name) {
  const f = fieldDefaults(panel);
  for (const o of panel?.fieldConfig?.overrides ?? []) {
    const m = o?.matcher ?? {};
    let hit = false;
    if (m.id === 'byName') hit = m.options === name;
    else if (m.id === 'byRegexp') { try { hit = new RegExp(m.options).test(name); } catch { hit = false; } }
    if (!hit) continue;
    for (const p of o.properties ?? []) {
      const key = p.id === 'custom.fillOpacity' ? null : p.id;
      if (key === 'unit' || key === 'decimals' || key === 'min' || key === 'max' || key === 'displayName' || key === 'thresholds' || key === 'mappings' || key === 'color') f[key] = p.value;
    }
  }
  return f;
}

/** The colour a value gets from absolute thresholds (percentage thresholds relative to min..max). */
export function thresholdColor(thresholds, v, min = 0, max = 100) {
  const steps = thresholds?.steps ?? [];
  if (steps.length === 0) return color('green');
  let c = steps[0].color;
  const x = thresholds.mode === 'percentage' ? ((v - min) / ((max - min) || 1)) * 100 : v;
  for (const s of steps) if (s.value === null || s.value === undefined || x >= s.value) c = s.color;
  return color(c);
}

/** Value mappings: exact values, ranges, regexes and special values to text (and colour). */
export function mapValue(mappings, v) {
  for (const m of mappings ?? []) {
    if (m.type === 'value' && m.options && v !== null && Object.hasOwn(m.options, String(v))) return m.options[String(v)];
    if (m.type === 'range' && v !== null && (m.options?.from ?? -Infinity) <= v && v <= (m.options?.to ?? Infinity)) return m.options.result;
    if (m.type === 'special' && m.options?.match === 'null' && (v === null || v === undefined)) return m.options.result;
  }
  return undefined;
}

export function display(field, v) {
  const mapped = mapValue(field.mappings, v);
  const textOf = mapped?.text ?? (v === null || v === undefined ? field.noValue ?? 'No data' : formatValue(v, field.unit, field.decimals));
  return { text: textOf, color: mapped?.color ? color(mapped.color) : v === null || v === undefined ? color('text') : thresholdColor(field.thresholds, v, field.min ?? 0, field.max ?? 100) };
}

/** Grafana's reducers (reduceOptions.calcs). */
export function reduce(values, calc) {
  const nn = values.filter((x) => x !== null && x !== undefined && !Number.isNaN(x));
  switch (calc) {
    case 'last': return values.length ? values[values.length - 1] : null;
    case 'first': return values.length ? values[0] : null;
    case 'firstNotNull': return nn.length ? nn[0] : null;
    case 'mean': return nn.length ? nn.reduce((a, b) => a + b, 0) / nn.length : null;
    case 'max': return nn.length ? Math.max(...nn) : null;
    case 'min': return nn.length ? Math.min(...nn) : null;
    case 'sum': return nn.reduce((a, b) => a + b, 0);
    case 'count': return values.length;
    case 'delta': { let d = 0; for (let i = 1; i < nn.length; i++) d += Math.max(0, nn[i] - nn[i - 1]); return d; }
    case 'range': return nn.length ? Math.max(...nn) - Math.min(...nn) : null;
    case 'diff': return nn.length ? nn[nn.length - 1] - nn[0] : null;
    default: return nn.length ? nn[nn.length - 1] : null; // lastNotNull
  }
}

function reduced(panel, frames) {
  const calc = panel.options?.reduceOptions?.calcs?.[0] ?? 'lastNotNull';
  return frames.map((f) => ({ name: f.name, value: reduce(f.values, calc), frame: f }));
}

// ---------------------------------------------------------------------------------------------
// DOM helpers.

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'style') e.style.cssText = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs = {}, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) e.setAttribute(k, String(v));
  for (const c of children.flat()) if (c) e.append(c);
  return e;
}

function thresholdText(field) {
  const steps = field.thresholds?.steps ?? [];
  if (steps.length <= 1) return '';
  const pct = field.thresholds.mode === 'percentage';
  return steps.map((s, i) => (i === 0 ? s.color : `${pct ? `${s.value}%` : formatValue(s.value, field.unit, field.decimals)} ${s.color}`)).join(' → ');
}

// ---------------------------------------------------------------------------------------------
// Panels by type. Each gets (body element, panel, data for the panel or null, page context).

const LABELS = { timeseries: 'Time series', stat: 'Stat', gauge: 'Gauge', bargauge: 'Bar gauge', table: 'Table', heatmap: 'Heatmap', piechart: 'Pie chart', barchart: 'Bar chart', histogram: 'Histogram', text: 'Text', logs: 'Logs', graph: 'Graph (old)', singlestat: 'Singlestat (old)' };

function placeholder(body, panel) {
  const f = fieldDefaults(panel);
  const facts = [LABELS[panel.type] ?? panel.type];
  if (f.unit) facts.push(`unit ${f.unit}`);
  const th = thresholdText(f);
  body.append(el('div', { class: 'placeholder-viz', 'data-placeholder': 'true' },
    el('b', { text: 'Placeholder: no data queried' }),
    el('span', { text: facts.join(' · ') }),
    th ? el('span', { text: `thresholds: ${th}` }) : null,
    el('span', { text: 'run obs preview --prometheus URL for real data' })));
}

function noData(body, text = 'No data') {
  body.append(el('div', { class: 'nodata', text }));
}

function timeAxis(frames) {
  const set = new Set();
  for (const f of frames) for (const t of f.times) set.add(t);
  const xs = [...set].sort((a, b) => a - b);
  const index = new Map(xs.map((t, i) => [t, i]));
  return { xs, series: frames.map((f) => { const ys = new Array(xs.length).fill(null); f.times.forEach((t, i) => { ys[index.get(t)] = f.values[i]; }); return ys; }) };
}

function size(body) {
  const r = body.getBoundingClientRect();
  return { width: Math.max(60, Math.floor(r.width)), height: Math.max(30, Math.floor(r.height)) };
}

const CHARTS = [];

function timeseries(body, panel, data, ctx) {
  const frames = data.frames;
  if (frames.length === 0) return noData(body);
  const legend = panel.options?.legend ?? {};
  const showLegend = legend.showLegend !== false && legend.displayMode !== 'hidden';
  const custom = fieldDefaults(panel).custom;
  const { xs, series } = timeAxis(frames);
  const fields = frames.map((f) => fieldFor(panel, f.name));
  const unit = fields[0]?.unit;
  const decimals = fields[0]?.decimals;
  const box = el('div', { class: 'chart' });
  body.append(box);
  const { width, height } = size(body);
  const legendRows = showLegend ? Math.min(4, Math.ceil(frames.length / 3)) : 0;
  const fill = (custom.fillOpacity ?? 0) / 100;
  const bars = custom.drawStyle === 'bars';
  const points = custom.drawStyle === 'points';
  const thresholds = fieldDefaults(panel).thresholds;
  const thresholdStyle = custom.thresholdsStyle?.mode ?? 'off';
  const opts = {
    ...(ctx.tzDate ? { tzDate: ctx.tzDate } : {}),
    width, height: Math.max(40, height - legendRows * 18 - 4),
    legend: { show: showLegend, live: true },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true, range: ctx.range ? [ctx.range.from, ctx.range.to] : undefined }, y: { range: (u, lo, hi) => [fields[0]?.min ?? (lo >= 0 ? 0 : lo), fields[0]?.max ?? (hi === lo ? hi + 1 : hi)] } },
    axes: [
      { stroke: '#8e8e9e', grid: { stroke: '#2c3235', width: 1 }, ticks: { show: false } },
      { stroke: '#8e8e9e', grid: { stroke: '#2c3235', width: 1 }, ticks: { show: false }, size: 60, values: (u, ticks) => ticks.map((v) => formatValue(v, unit, decimals)) },
    ],
    series: [
      {},
      ...frames.map((f, i) => {
        const fc = fields[i];
        const stroke = fc.color?.mode === 'fixed' ? color(fc.color.fixedColor) : color(null, i);
        return {
          label: fc.displayName ?? f.name, stroke, width: custom.lineWidth ?? 1,
          fill: fill > 0 ? stroke + Math.round(fill * 255).toString(16).padStart(2, '0') : undefined,
          points: { show: points },
          paths: bars && window.uPlot.paths?.bars ? window.uPlot.paths.bars({ size: [0.6, 100] }) : undefined,
          value: (u, v) => (v === null || v === undefined ? '–' : formatValue(v, fc.unit, fc.decimals)),
        };
      }),
    ],
    hooks: {
      draw: [(u) => {
        if (thresholdStyle === 'off' || !thresholds?.steps) return;
        const c = u.ctx;
        c.save();
        for (const s of thresholds.steps) {
          if (s.value === null || s.value === undefined) continue;
          const y = u.valToPos(s.value, 'y', true);
          if (y < u.bbox.top || y > u.bbox.top + u.bbox.height) continue;
          c.strokeStyle = color(s.color);
          c.setLineDash(thresholdStyle.includes('dashed') ? [6, 4] : []);
          c.lineWidth = 1;
          c.beginPath(); c.moveTo(u.bbox.left, y); c.lineTo(u.bbox.left + u.bbox.width, y); c.stroke();
        }
        c.restore();
      }],
    },
  };
  const chart = new window.uPlot(opts, [xs, ...series], box);
  CHARTS.push(chart);
  box.dataset.points = String(series.reduce((n, s) => n + s.filter((v) => v !== null).length, 0));
}

function sparkline(host, frame, stroke) {
  const { width, height } = size(host);
  const chart = new window.uPlot({
    width, height: Math.max(20, Math.floor(height * 0.45)), legend: { show: false }, cursor: { show: false },
    axes: [{ show: false }, { show: false }], scales: { x: { time: false } },
    series: [{}, { stroke, fill: `${stroke}40`, width: 1, points: { show: false } }],
  }, [frame.times, frame.values], el('div'));
  chart.root.classList.add('spark');
  host.append(chart.root);
}

function stat(body, panel, data) {
  const items = reduced(panel, data.frames);
  if (items.length === 0) return noData(body);
  const box = el('div', { class: 'stat' });
  body.append(box);
  const colorMode = panel.options?.colorMode ?? 'value';
  const graph = panel.options?.graphMode === 'area';
  for (const it of items.slice(0, 24)) {
    const f = fieldFor(panel, it.name);
    const d = display(f, it.value);
    const cell = el('div', { class: 'v', 'data-value': it.value ?? '' },
      el('span', { class: 'num', text: d.text, style: colorMode === 'value' ? `color:${d.color}` : '' }),
      items.length > 1 ? el('span', { class: 'name', text: f.displayName ?? it.name }) : null);
    if (colorMode === 'background' || colorMode === 'background_solid') cell.style.background = d.color;
    if (colorMode === 'background' || colorMode === 'background_solid') cell.style.color = '#fff';
    box.append(cell);
    if (graph && it.frame.times.length > 1) sparkline(cell, it.frame, d.color);
  }
}

function gauge(body, panel, data) {
  const items = reduced(panel, data.frames);
  if (items.length === 0) return noData(body);
  const box = el('div', { class: 'gauge' });
  body.append(box);
  for (const it of items.slice(0, 12)) {
    const f = fieldFor(panel, it.name);
    const min = f.min ?? 0;
    const max = f.max ?? (f.unit === 'percentunit' ? 1 : 100);
    const d = display(f, it.value);
    const frac = it.value === null ? 0 : Math.max(0, Math.min(1, (it.value - min) / ((max - min) || 1)));
    const arc = (from, to, r) => {
      const a0 = Math.PI * (1.25 - 1.5 * from);
      const a1 = Math.PI * (1.25 - 1.5 * to);
      const p = (a) => `${50 + r * Math.cos(a)} ${55 - r * Math.sin(a)}`;
      return `M ${p(a0)} A ${r} ${r} 0 ${to - from > 2 / 3 ? 1 : 0} 1 ${p(a1)}`;
    };
    const parts = [svg('path', { d: arc(0, 1, 38), stroke: '#2c3235', 'stroke-width': 10, fill: 'none' })];
    if (panel.options?.showThresholdMarkers !== false) {
      const steps = f.thresholds?.steps ?? [];
      steps.forEach((s, i) => {
        const lo = i === 0 ? 0 : Math.max(0, Math.min(1, ((s.value ?? min) - min) / ((max - min) || 1)));
        const next = steps[i + 1];
        const hi = next ? Math.max(0, Math.min(1, ((next.value ?? max) - min) / ((max - min) || 1))) : 1;
        if (hi > lo) parts.push(svg('path', { d: arc(lo, hi, 46), stroke: color(s.color), 'stroke-width': 3, fill: 'none' }));
      });
    }
    if (frac > 0) parts.push(svg('path', { d: arc(0, Math.max(frac, 0.001), 38), stroke: d.color, 'stroke-width': 10, fill: 'none' }));
    const label = svg('text', { x: 50, y: 60, 'text-anchor': 'middle', fill: d.color, 'font-size': 14 });
    label.textContent = d.text;
    parts.push(label);
    box.append(el('div', { 'data-value': it.value ?? '' }, svg('svg', { viewBox: '0 0 100 80' }, parts), items.length > 1 ? el('small', { text: it.name }) : null));
  }
}

function bargauge(body, panel, data) {
  const items = reduced(panel, data.frames);
  if (items.length === 0) return noData(body);
  const values = items.map((i) => i.value ?? 0);
  const box = el('div', { class: 'bars' });
  body.append(box);
  for (const it of items.slice(0, 40)) {
    const f = fieldFor(panel, it.name);
    const min = f.min ?? Math.min(0, ...values);
    const max = f.max ?? Math.max(...values, 1e-9);
    const d = display(f, it.value);
    const frac = it.value === null ? 0 : Math.max(0, Math.min(1, (it.value - min) / ((max - min) || 1)));
    const fillStyle = panel.options?.displayMode === 'gradient' ? `background:linear-gradient(90deg, ${d.color}55, ${d.color})` : `background:${d.color}`;
    box.append(el('div', { class: 'b', 'data-value': it.value ?? '' }, el('span', { class: 'n', text: f.displayName ?? it.name, title: it.name }),
      el('span', { class: 'track' }, el('span', { class: 'fill', style: `width:${(frac * 100).toFixed(1)}%;${fillStyle}` })),
      el('span', { class: 'val', text: d.text, style: `color:${d.color}` })));
  }
}

/** Table: instant (or last) values joined on their labels, one `Value #refId` column per query (Grafana's table format). */
export function tableRows(frames) {
  const refIds = [...new Set(frames.map((f) => f.refId))];
  const valueCol = (r) => (refIds.length > 1 ? `Value #${r}` : 'Value');
  const labelCols = [...new Set(frames.flatMap((f) => Object.keys(f.labels).filter((k) => k !== '__name__')))];
  const rows = new Map();
  for (const f of frames) {
    const key = JSON.stringify(labelCols.map((k) => f.labels[k] ?? ''));
    const row = rows.get(key) ?? Object.fromEntries(labelCols.map((k) => [k, f.labels[k] ?? '']));
    row[valueCol(f.refId)] = reduce(f.values, 'lastNotNull');
    rows.set(key, row);
  }
  return { columns: [...labelCols, ...refIds.map(valueCol)], numeric: new Set(refIds.map(valueCol)), rows: [...rows.values()] };
}

function table(body, panel, data) {
  if (data.frames.length === 0) return noData(body);
  const t = tableRows(data.frames);
  const sort = panel.options?.sortBy?.[0];
  if (sort) {
    const col = t.columns.find((c) => c === sort.displayName || fieldFor(panel, c).displayName === sort.displayName);
    if (col) t.rows.sort((a, b) => ((a[col] ?? -Infinity) < (b[col] ?? -Infinity) ? -1 : 1) * (sort.desc ? -1 : 1));
  }
  const head = el('tr', {}, t.columns.map((c) => el('th', { text: fieldFor(panel, c).displayName ?? c })));
  const rows = t.rows.slice(0, 200).map((r) => el('tr', {}, t.columns.map((c) => {
    if (!t.numeric.has(c)) return el('td', { text: r[c] ?? '' });
    const d = display(fieldFor(panel, c), r[c] ?? null);
    return el('td', { class: 'num', text: d.text });
  })));
  body.append(el('div', { class: 'tblwrap' }, el('table', { class: 'tbl' }, el('thead', {}, head), el('tbody', {}, rows))));
}

function heatmap(body, panel, data, ctx) {
  const frames = [...data.frames].sort((a, b) => parseFloat(a.labels.le ?? a.name) - parseFloat(b.labels.le ?? b.name));
  if (frames.length === 0) return noData(body);
  const { xs, series } = timeAxis(frames);
  // Buckets of a cumulative histogram (`le`) hold everything below their bound: each cell is drawn
  // with its own count (this bucket minus the one below), as Grafana's heatmap does for Prometheus.
  if (frames.every((f) => f.labels.le !== undefined)) {
    for (let r = series.length - 1; r > 0; r--) series[r] = series[r].map((v, i) => (v === null || series[r - 1][i] === null ? v : Math.max(0, v - series[r - 1][i])));
  }
  const max = Math.max(1e-12, ...series.flat().filter((v) => v !== null));
  const box = el('div', { class: 'chart' });
  body.append(box);
  const { width, height } = size(body);
  const yUnit = panel.options?.yAxis?.unit;
  const chart = new window.uPlot({
    ...(ctx.tzDate ? { tzDate: ctx.tzDate } : {}),
    width, height, legend: { show: false },
    scales: { x: { time: true, range: ctx.range ? [ctx.range.from, ctx.range.to] : undefined }, y: { time: false, range: [0, frames.length] } },
    axes: [
      { stroke: '#8e8e9e', grid: { show: false } },
      { stroke: '#8e8e9e', grid: { show: false }, size: 60, values: (u, ticks) => ticks.map((t) => { const f = frames[Math.floor(t)]; if (!f || t !== Math.floor(t)) return ''; const b = parseFloat(f.labels.le ?? f.name); return yUnit && Number.isFinite(b) ? formatValue(b, yUnit) : f.labels.le ?? f.name; }) },
    ],
    series: [{}, { show: true, stroke: 'transparent', points: { show: false }, paths: () => null }],
    hooks: {
      draw: [(u) => {
        const c = u.ctx;
        const dx = xs.length > 1 ? Math.abs(u.valToPos(xs[1], 'x', true) - u.valToPos(xs[0], 'x', true)) : u.bbox.width;
        series.forEach((ys, row) => {
          const y0 = u.valToPos(row + 1, 'y', true);
          const y1 = u.valToPos(row, 'y', true);
          ys.forEach((v, i) => {
            if (v === null || v <= 0) return;
            const t = Math.pow(v / max, 0.5);
            c.fillStyle = `hsl(${30 - 30 * t}, 90%, ${15 + 45 * t}%)`;
            c.fillRect(u.valToPos(xs[i], 'x', true) - dx / 2, y0, Math.max(1, dx - 1), Math.max(1, y1 - y0 - 1));
          });
        });
      }],
    },
  }, [xs, xs.map(() => null)], box);
  CHARTS.push(chart);
  box.dataset.points = String(series.reduce((n, s) => n + s.filter((v) => v !== null).length, 0));
}

function piechart(body, panel, data) {
  const items = reduced(panel, data.frames).filter((i) => i.value !== null && i.value > 0);
  if (items.length === 0) return noData(body);
  const total = items.reduce((a, b) => a + b.value, 0);
  const donut = panel.options?.pieType === 'donut';
  let at = 0;
  const slices = items.map((it, i) => {
    const a0 = (at / total) * Math.PI * 2;
    at += it.value;
    const a1 = (at / total) * Math.PI * 2;
    const p = (a, r) => `${50 + r * Math.sin(a)} ${50 - r * Math.cos(a)}`;
    const large = a1 - a0 > Math.PI ? 1 : 0;
    const d = items.length === 1 ? 'M 50 5 A 45 45 0 1 1 49.99 5 Z' : `M 50 50 L ${p(a0, 45)} A 45 45 0 ${large} 1 ${p(a1, 45)} Z`;
    return svg('path', { d, fill: color(null, i), stroke: '#181b1f', 'stroke-width': 0.5 });
  });
  if (donut) slices.push(svg('circle', { cx: 50, cy: 50, r: 25, fill: '#181b1f' }));
  const values = panel.options?.legend?.values ?? [];
  const f = fieldDefaults(panel);
  const legend = panel.options?.legend?.showLegend === false ? null : el('ul', {}, items.map((it, i) => el('li', {}, el('i', { style: `background:${color(null, i)}` }),
    `${it.name}${values.includes('value') ? `: ${formatValue(it.value, f.unit, f.decimals)}` : ''}${values.includes('percent') ? ` (${((it.value / total) * 100).toFixed(1)}%)` : ''}`)));
  body.append(el('div', { class: 'pie' }, svg('svg', { viewBox: '0 0 100 100' }, slices), legend));
}

/**
 * A bar chart's table, as Grafana's bar chart reads one: a category per row, the x field being the
 * label `options.xField` names, else the series' name (its legend); one value field per query
 * (`Value`, or `Value #A`, `Value #B`... with several), each the series reduced by the panel's
 * `reduce` transformation's first calculation (else the last value that is not null).
 */
export function barChartData(frames, panel) {
  const reducer = (panel.transformations ?? []).find((t) => t?.id === 'reduce')?.options?.reducers?.[0] ?? 'lastNotNull';
  const refIds = [...new Set(frames.map((f) => f.refId))];
  const fields = refIds.map((r) => (refIds.length > 1 ? `Value #${r}` : 'Value'));
  const xField = panel.options?.xField;
  const categories = [];
  const byName = new Map();
  for (const f of frames) {
    const name = xField && f.labels[xField] !== undefined ? f.labels[xField] : f.name;
    let row = byName.get(name);
    if (!row) {
      byName.set(name, (row = { name, values: fields.map(() => null) }));
      categories.push(row);
    }
    row.values[refIds.indexOf(f.refId)] = reduce(f.values, reducer);
  }
  return { fields, categories };
}

const MAX_BINS = 2000;

/** The "nice" bucket sizes Grafana's histogram picks from: 1, 2, 2.5, 4 and 5 times a power of ten. */
function niceSize(target) {
  if (!(target > 0)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(target)));
  for (const m of [1, 2, 2.5, 4, 5, 10]) if (m * p >= target * (1 - 1e-9)) return m * p;
  return 10 * p;
}

/**
 * Histogram bins as Grafana's histogram panel makes them: every value of every series (or, with
 * `combine`, of all series as one) counted into buckets of `bucketSize` (else the nice size of the
 * values' range over `bucketCount`, 30 by default) that start at `bucketOffset` (0). Empty buckets
 * between the lowest and highest are kept, so the x axis is linear.
 */
export function histogramBins(series, options = {}) {
  const all = series.flatMap((s) => s.values.filter((v) => v !== null && Number.isFinite(v)));
  if (all.length === 0) return { size: 0, bins: [], series: [] };
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const auto = niceSize((hi - lo) / (options.bucketCount > 0 ? options.bucketCount : 30));
  // A bucket size far below the values' spread would make millions of buckets: the automatic one instead.
  const size = options.bucketSize > 0 && (hi - lo) / options.bucketSize <= MAX_BINS ? options.bucketSize : auto;
  const offset = options.bucketOffset ?? 0;
  // Bucket index, with a tolerance for values that are a multiple of the size in decimal but not in binary.
  const index = (v) => Math.floor((v - offset) / size + 1e-9);
  const groups = options.combine ? [{ name: 'Count', values: all }] : series.map((s) => ({ name: s.name, values: s.values.filter((v) => v !== null && Number.isFinite(v)) }));
  const first = index(lo);
  const last = index(hi);
  const round = (x) => Number(x.toPrecision(12));
  const bins = [];
  for (let i = first; i <= last; i++) bins.push({ from: round(offset + i * size), to: round(offset + (i + 1) * size), counts: groups.map(() => 0) });
  groups.forEach((g, gi) => { for (const v of g.values) bins[index(v) - first].counts[gi]++; });
  return { size, bins, series: groups.map((g) => g.name), ...(size !== (options.bucketSize ?? size) ? { resized: true } : {}) };
}

/**
 * Bars in an SVG the size of the panel: `groups` of values along the category axis (vertical bars, or
 * horizontal ones), side by side or stacked, with the value axis from 0 (or the lowest negative value)
 * to the highest, ticks in the unit, and category labels. Each bar carries its data for the tests.
 */
function drawBars(body, { groups, seriesNames, unit, decimals, horizontal, stacked, overlay, groupWidth, showValues, skipZero, barAttrs, categoryLabel, opacity }) {
  const { width, height } = size(body);
  const sums = groups.map((g) => (stacked ? [g.values.reduce((a, v) => a + Math.max(0, v ?? 0), 0), g.values.reduce((a, v) => a + Math.min(0, v ?? 0), 0)] : [Math.max(0, ...g.values.map((v) => v ?? 0)), Math.min(0, ...g.values.map((v) => v ?? 0))]));
  const top = Math.max(1e-12, ...sums.map((s) => s[0]));
  const bottom = Math.min(0, ...sums.map((s) => s[1]));
  const legendH = seriesNames.length > 1 ? 18 : 0;
  const pad = { l: horizontal ? 90 : 56, r: horizontal && showValues ? 40 : 8, t: showValues && !horizontal ? 14 : 6, b: (horizontal ? 18 : 20) + legendH };
  const plotW = Math.max(10, width - pad.l - pad.r);
  const plotH = Math.max(10, height - pad.t - pad.b);
  const along = horizontal ? plotH : plotW;
  const across = horizontal ? plotW : plotH;
  const scale = (v) => ((v - bottom) / (top - bottom)) * across;
  const slot = along / Math.max(1, groups.length);
  const inner = slot * groupWidth;
  const parts = [];
  // Value axis: 0, half and the top, in the unit; a line at zero.
  for (const v of [bottom, bottom < 0 ? 0 : (top + bottom) / 2, top]) {
    const at = scale(v);
    const t = svg('text', horizontal ? { x: pad.l + at, y: height - legendH - 4, 'text-anchor': 'middle', fill: '#8e8e9e', 'font-size': 10 } : { x: pad.l - 4, y: pad.t + plotH - at + 3, 'text-anchor': 'end', fill: '#8e8e9e', 'font-size': 10 });
    t.textContent = formatValue(v, unit, decimals);
    parts.push(t, svg('line', horizontal ? { x1: pad.l + at, x2: pad.l + at, y1: pad.t, y2: pad.t + plotH, stroke: '#2c3235' } : { x1: pad.l, x2: pad.l + plotW, y1: pad.t + plotH - at, y2: pad.t + plotH - at, stroke: '#2c3235' }));
  }
  groups.forEach((g, gi) => {
    const start = gi * slot + (slot - inner) / 2;
    // Side by side, or (stacked, or a histogram's series over the same bucket) each across the whole group.
    const n = stacked || overlay ? 1 : g.values.length;
    const w = inner / Math.max(1, n);
    let up = 0;
    let down = 0;
    g.values.forEach((v, vi) => {
      if (v === null || v === undefined || (skipZero && v === 0)) return;
      let a;
      let b;
      if (stacked) { if (v >= 0) { a = scale(up); b = scale((up += v)); } else { b = scale(down); a = scale((down += v)); } } else { a = scale(Math.min(0, v)); b = scale(Math.max(0, v)); }
      const pos = start + (stacked || overlay ? 0 : vi * w);
      const fill = color(null, vi);
      const rect = horizontal
        ? { x: pad.l + a, y: pad.t + pos, width: Math.max(0.5, b - a), height: Math.max(0.5, w - 1) }
        : { x: pad.l + pos, y: pad.t + plotH - b, width: Math.max(0.5, w - 1), height: Math.max(0.5, b - a) };
      const bar = svg('rect', { ...rect, fill, 'fill-opacity': opacity, ...barAttrs(g, vi, v) });
      const tip = svg('title');
      tip.textContent = `${g.label}${seriesNames.length > 1 ? ` · ${seriesNames[vi]}` : ''}: ${formatValue(v, unit, decimals)}`;
      bar.append(tip);
      parts.push(bar);
      if (showValues && w >= 24) {
        const t = svg('text', horizontal ? { x: pad.l + b + 3, y: pad.t + pos + w / 2 + 3, fill: '#ccccdc', 'font-size': 10 } : { x: pad.l + pos + w / 2, y: pad.t + plotH - b - 3, 'text-anchor': 'middle', fill: '#ccccdc', 'font-size': 10 });
        t.textContent = formatValue(v, unit, decimals);
        parts.push(t);
      }
    });
    const label = categoryLabel(g, gi);
    if (label !== null) {
      const t = svg('text', horizontal ? { x: pad.l - 4, y: pad.t + gi * slot + slot / 2 + 3, 'text-anchor': 'end', fill: '#8e8e9e', 'font-size': 10 } : { x: pad.l + gi * slot + slot / 2, y: pad.t + plotH + 13, 'text-anchor': 'middle', fill: '#8e8e9e', 'font-size': 10 });
      t.textContent = label.length > 16 ? `${label.slice(0, 15)}…` : label;
      parts.push(t);
    }
  });
  const legend = seriesNames.length > 1 ? el('ul', { class: 'barlegend' }, seriesNames.map((n, i) => el('li', {}, el('i', { style: `background:${color(null, i)}` }), n))) : null;
  body.append(el('div', { class: 'barchart' }, svg('svg', { width, height: height - legendH, viewBox: `0 0 ${width} ${height - legendH}` }, parts), legend));
}

function barchart(body, panel, data) {
  const { fields, categories } = barChartData(data.frames, panel);
  if (categories.length === 0) return noData(body);
  const f = fieldDefaults(panel);
  const o = panel.options ?? {};
  const horizontal = o.orientation === 'horizontal' || (o.orientation !== 'vertical' && size(body).width < size(body).height);
  drawBars(body, {
    groups: categories.map((c) => ({ label: c.name, values: c.values })),
    seriesNames: fields.map((n) => fieldFor(panel, n).displayName ?? n),
    unit: f.unit, decimals: f.decimals, horizontal, overlay: false,
    stacked: o.stacking === 'normal' || o.stacking === 'percent',
    groupWidth: (o.groupWidth ?? 0.7) * (o.barWidth ?? 0.97),
    showValues: o.showValue !== 'never',
    opacity: (f.custom.fillOpacity ?? 80) / 100,
    barAttrs: (g, vi, v) => ({ 'data-category': g.label, 'data-field': fields[vi], 'data-value': v }),
    categoryLabel: (g) => g.label,
  });
  body.lastChild.dataset.categories = String(categories.length);
}

function histogram(body, panel, data) {
  const o = panel.options ?? {};
  const h = histogramBins(data.frames, o);
  if (h.bins.length === 0) return noData(body);
  const f = fieldDefaults(panel);
  const every = Math.max(1, Math.ceil(h.bins.length / 8));
  drawBars(body, {
    groups: h.bins.map((b) => ({ label: formatValue(b.from, f.unit, f.decimals), values: b.counts, bin: b })),
    seriesNames: h.series,
    unit: 'none', decimals: 0, horizontal: false,
    stacked: f.custom.stacking?.mode === 'normal' || f.custom.stacking?.mode === 'percent',
    overlay: true,
    groupWidth: 0.98,
    showValues: false,
    // An empty bucket is a gap, as in Grafana.
    skipZero: true,
    opacity: (f.custom.fillOpacity ?? 80) / 100,
    barAttrs: (g, vi, v) => ({ 'data-from': g.bin.from, 'data-to': g.bin.to, 'data-series': h.series[vi], 'data-count': v }),
    categoryLabel: (g, i) => (i % every === 0 ? g.label : null),
  });
  body.lastChild.dataset.bucketSize = String(h.size);
  if (h.resized) body.lastChild.title = `bucket size ${o.bucketSize} would make more than ${MAX_BINS} buckets: drawn with ${formatValue(h.size, f.unit)}`;
}

function textPanel(body, panel) {
  const content = String(panel.options?.content ?? '');
  const mode = panel.options?.mode ?? 'markdown';
  const box = el('div', { class: 'text' });
  if (mode === 'markdown' && window.marked) {
    // Raw HTML in markdown is shown as text, never run: the page is opened from CI artifacts.
    const html = window.marked.parse(content.replace(/</g, '&lt;'), { async: false });
    box.innerHTML = html;
    for (const a of box.querySelectorAll('a')) {
      if (!/^(https?:|mailto:|\/|#|\.)/i.test(a.getAttribute('href') ?? '')) a.removeAttribute('href');
      a.target = '_blank'; a.rel = 'noopener';
    }
  } else box.textContent = content;
  body.append(box);
}

function logs(body, panel, data) {
  if (data.frames.length === 0) return noData(body, 'Log lines are not queried by the preview (Loki); the query is below');
  body.append(el('div', { class: 'logs' }, data.frames.map((f) => el('div', { text: f.name }))));
}

function fallback(body, panel) {
  body.append(el('div', { class: 'fallback', 'data-fallback': 'true', text: `Panel type "${panel.type}" is not drawn by the preview` }));
}

const DRAW = { timeseries, graph: timeseries, stat, singlestat: stat, gauge, bargauge, table, heatmap, piechart, barchart, histogram, text: textPanel, logs };
const NO_QUERIES = new Set(['text', 'dashlist', 'news', 'alertlist', 'annolist']);

// ---------------------------------------------------------------------------------------------
// Layout: the grid with rows; a collapsed row expands in place and pushes what is below it down.

/**
 * The boxes to draw, in grid units: top-level panels and rows at their gridPos, and the panels of the
 * expanded collapsed rows moved right under their row, with everything below pushed down as Grafana does.
 */
export function layout(items, expanded) {
  const out = [];
  const boxes = items.map((it) => ({ ...it, pos: { ...it.panel.gridPos } }));
  for (const b of boxes) {
    out.push(b);
    if (b.panel.type !== 'row' || !b.panel.collapsed || !expanded.has(b.key)) continue;
    const kids = b.children ?? [];
    if (kids.length === 0) continue;
    const top = Math.min(...kids.map((k) => k.panel.gridPos.y));
    const shift = b.pos.y + 1 - top;
    const bottom = Math.max(...kids.map((k) => k.panel.gridPos.y + k.panel.gridPos.h)) + shift;
    const push = bottom - (b.pos.y + 1);
    for (const o of boxes) if (o !== b && o.pos.y > b.pos.y) o.pos.y += push;
    for (const k of kids) out.push({ ...k, pos: { ...k.panel.gridPos, y: k.panel.gridPos.y + shift }, inRow: b.key });
  }
  return out;
}

function place(node, pos) {
  node.style.left = `calc(${(pos.x / 24) * 100}% + ${GAP / 2}px)`;
  node.style.width = `calc(${(pos.w / 24) * 100}% - ${GAP}px)`;
  node.style.top = `${pos.y * ROW_UNIT}px`;
  node.style.height = `${pos.h * ROW_UNIT - GAP}px`;
  node.dataset.x = pos.x; node.dataset.y = pos.y; node.dataset.w = pos.w; node.dataset.h = pos.h;
}

function queriesOf(panel, data) {
  const out = [];
  for (const t of panel.targets ?? []) {
    if (!t || typeof t.expr !== 'string') continue;
    const sent = data?.queries?.[t.refId ?? 'A'];
    out.push(el('pre', {}, `${t.refId ?? 'A'}${t.hide ? ' (hidden)' : ''}${t.instant && !t.range ? ' instant' : ''}: ${t.expr}${t.legendFormat ? `\n   legend: ${t.legendFormat}` : ''}${sent && sent !== t.expr ? `\n   sent: ${sent}` : ''}`));
  }
  for (const e of data?.errors ?? []) out.push(el('pre', { class: 'err', text: e }));
  return out;
}

function drawPanel(item, side, ctx) {
  const { panel, key } = item;
  const mark = side.marks?.[key];
  const node = el('div', { class: `panel${mark ? ` mark-${mark}` : ''}${panel.transparent ? ' transparent' : ''}`, 'data-key': key, 'data-type': panel.type ?? '', 'data-title': panel.title ?? '', 'data-mark': mark });
  place(node, item.pos);
  const queries = (panel.targets ?? []).map((t) => t?.expr).filter((x) => typeof x === 'string');
  if (panel.title || mark || panel.description) node.append(el('div', { class: 'ph', title: queries.join('\n\n') || undefined },
    el('span', { class: 't', text: panel.title ?? '' }),
    panel.description ? el('span', { class: 'info', title: panel.description, text: 'i' }) : null,
    mark ? el('span', { class: 'mark', text: mark }) : null));
  const body = el('div', { class: 'body' });
  node.append(body);
  const q = queriesOf(panel, side.data.panels[key]);
  if (q.length > 0) node.append(el('details', { class: 'q' }, el('summary', { title: `Queries (${(panel.targets ?? []).length}): click to show`, text: `{${(panel.targets ?? []).length}}${side.data.panels[key]?.errors?.length ? ' ⚠' : ''}` }), q));
  return { node, draw: () => {
    const data = side.data.panels[key];
    const fn = DRAW[panel.type];
    if (!fn) return fallback(body, panel);
    if (NO_QUERIES.has(panel.type)) return fn(body, panel, { frames: [] }, ctx);
    const sources = new Set((panel.targets ?? []).map((t) => t?.datasource?.type ?? panel.datasource?.type ?? 'prometheus'));
    if (sources.size > 0 && !sources.has('prometheus')) return noData(body, `Not queried: ${[...sources].join(', ')} data source (the preview queries Prometheus only)`);
    if (!side.data.source) return placeholder(body, panel);
    return fn(body, panel, data ?? { frames: [], errors: [] }, ctx);
  } };
}

function drawRow(item, side, onToggle, expanded) {
  const p = item.panel;
  const collapsed = p.collapsed && !expanded.has(item.key);
  const mark = side.marks?.[item.key];
  const kids = (item.children ?? []).length;
  const node = el('div', { class: `row${p.collapsed ? ' collapsed' : ''}${mark ? ` mark-${mark}` : ''}`, 'data-key': item.key, 'data-type': 'row', 'data-title': p.title ?? '', 'data-mark': mark },
    el('span', { text: p.collapsed ? (collapsed ? '▸' : '▾') : '▾' }), el('span', { text: p.title ?? '' }),
    p.collapsed ? el('span', { class: 'count', text: `(${kids} panel${kids === 1 ? '' : 's'})` }) : null);
  place(node, item.pos);
  if (p.collapsed) node.addEventListener('click', () => onToggle(item.key));
  return node;
}

function variableControl(v, changed) {
  const box = el('div', { class: `var${changed ? ' changed' : ''}`, 'data-variable': v.name });
  box.append(el('label', { text: v.label }));
  if (v.type === 'textbox' || v.type === 'constant') {
    box.append(el('input', { value: v.current[0] ?? v.options[0] ?? '', readonly: true }));
    return box;
  }
  const options = [...(v.includeAll ? ['All'] : []), ...v.options];
  for (const c of v.current) if (!options.includes(c)) options.push(c);
  const select = el('select', { multiple: false, title: v.note ?? 'static preview: the queries used the selected value' });
  const currentText = v.current.join(' + ');
  if (v.current.length > 1) select.append(el('option', { selected: true, text: currentText }));
  for (const o of options) select.append(el('option', { value: o, text: o, selected: v.current.length === 1 && v.current[0] === o }));
  if (options.length === 0) select.append(el('option', { text: '(no options)' }));
  box.append(select);
  if (v.note) box.append(el('span', { class: 'note', text: v.note }));
  return box;
}

function drawSide(host, side, page) {
  host.textContent = '';
  // Times in the dashboard's timezone: 'utc' or an IANA name; 'browser' (or none) is the viewer's.
  const tz = side.timezone && side.timezone !== 'browser' ? (side.timezone === 'utc' ? 'Etc/UTC' : side.timezone) : null;
  const tzDate = tz ? (ts) => window.uPlot.tzDate(new Date(ts * 1e3), tz) : undefined;
  const ctx = { range: side.data.source ? { from: side.data.source.from, to: side.data.source.to } : null, tzDate };
  const vars = el('div', { class: 'vars' }, side.data.variables.filter((v) => !v.hidden && v.type !== 'constant').map((v) => variableControl(v, (side.changedVariables ?? []).includes(v.name))));
  const grid = el('div', { class: 'grid' });
  host.append(vars, grid);
  const expanded = side.expanded ?? (side.expanded = new Set());
  const boxes = layout(side.items, expanded);
  let bottom = 0;
  const draws = [];
  for (const b of boxes) {
    bottom = Math.max(bottom, b.pos.y + b.pos.h);
    if (b.panel.type === 'row') grid.append(drawRow(b, side, (k) => { if (expanded.has(k)) expanded.delete(k); else expanded.add(k); for (const c of CHARTS.splice(0)) c.destroy(); page.redraw(); }, expanded));
    else { const p = drawPanel(b, side, ctx); grid.append(p.node); draws.push(p.draw); }
  }
  grid.style.height = `${bottom * ROW_UNIT}px`;
  for (const d of draws) {
    try { d(); } catch (e) { console.warn('panel not drawn', e); }
  }
}

function start() {
  const dataNode = document.getElementById('preview-data');
  if (!dataNode) return;
  const page = JSON.parse(dataNode.textContent);
  const hosts = page.sides.map((_, i) => document.getElementById(`side-${i}`));
  page.redraw = () => page.sides.forEach((s, i) => drawSide(hosts[i], s, page));
  page.redraw();
  let width = window.innerWidth;
  window.addEventListener('resize', () => {
    if (window.innerWidth === width) return;
    width = window.innerWidth;
    for (const c of CHARTS.splice(0)) c.destroy();
    page.redraw();
  });
  document.body.dataset.ready = 'true';
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}
