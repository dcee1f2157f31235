import { el, svg } from './dom.js';

const WIDTH = 720;
const HEIGHT = 180;
const PAD = { left: 56, right: 16, top: 12, bottom: 28 };
const COLOURS = ['#2563eb', '#db2777', '#059669', '#d97706'];
const NOT_PLOTTED = new Set(['version']);

/** The numeric fields of the states over the versions, as lines; a click on a point selects its version. */
export function valueChart(states, count, selected, select) {
  const known = states.filter((state) => state && !state.error);
  const fields = Object.keys(known.at(-1) ?? {}).filter((key) => !NOT_PLOTTED.has(key) && known.every((state) => typeof state[key] === 'number'));
  if (fields.length === 0) return el('p', { class: 'muted' }, 'No numeric field to chart.');
  const values = fields.flatMap((field) => known.map((state) => state[field]));
  const low = Math.min(0, ...values);
  const high = Math.max(1, ...values);
  const x = (version) => PAD.left + ((version - 1) / Math.max(1, count - 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (value) => HEIGHT - PAD.bottom - ((value - low) / (high - low)) * (HEIGHT - PAD.top - PAD.bottom);
  const chart = svg(
    'svg',
    { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'chart', role: 'img', 'aria-label': `${fields.join(', ')} by version`, 'data-testid': 'chart' },
    axes(x, y, low, high, count),
    svg('line', { x1: x(selected), x2: x(selected), y1: PAD.top, y2: HEIGHT - PAD.bottom, class: 'cursor' }),
    ...fields.map((field, i) => series(states, field, COLOURS[i % COLOURS.length], x, y, select)),
  );
  const legend = el('p', { class: 'legend' }, fields.map((field, i) => el('span', { class: `swatch swatch-${i % COLOURS.length}` }, field)));
  return el('figure', { class: 'chart-box' }, chart, legend);
}

function series(states, field, colour, x, y, select) {
  const points = states.flatMap((state, version) => (state && typeof state[field] === 'number' ? [[version, state[field]]] : []));
  const line = svg('polyline', { points: points.map(([v, value]) => `${x(v)},${y(value)}`).join(' '), fill: 'none', stroke: colour, 'stroke-width': 2 });
  const dots = points.map(([version, value]) =>
    svg('circle', { cx: x(version), cy: y(value), r: 4, fill: colour, class: 'point', onclick: () => select(version) }, svg('title', {}, `v${version}: ${field} = ${value}`)),
  );
  return svg('g', {}, line, ...dots);
}

function axes(x, y, low, high, count) {
  const bottom = HEIGHT - PAD.bottom;
  return svg(
    'g',
    { class: 'axes' },
    svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: bottom, y2: bottom }),
    svg('line', { x1: PAD.left, x2: PAD.left, y1: PAD.top, y2: bottom }),
    svg('text', { x: PAD.left - 6, y: y(high) + 4, 'text-anchor': 'end' }, high),
    svg('text', { x: PAD.left - 6, y: y(low) + 4, 'text-anchor': 'end' }, low),
    svg('text', { x: x(1), y: bottom + 18, 'text-anchor': 'middle' }, 'v1'),
    count > 1 ? svg('text', { x: x(count), y: bottom + 18, 'text-anchor': 'middle' }, `v${count}`) : svg('g'),
  );
}
