import { getJson, pastStateRoutesByType, pastStateUrl, streamEvents } from './api.js';
import { valueChart } from './chart.js';
import { el, json, replaceChildren, time } from './dom.js';

// Fields every state has that change with every event: not worth highlighting.
const BOOKKEEPING = new Set(['version', 'asOf', 'updatedAt']);
const PARALLEL_READS = 6;
// States are read up front for the most recent versions only (one request each); older ones when selected.
const RECENT_STATES = 200;

/**
 * One stream's timeline: every event with its data and metadata, the state right after each
 * version (when its type has a past-state route) with what changed highlighted, and a chart.
 */
export function timelineView(streamId, selected) {
  const body = el('div', { class: 'timeline-body' }, el('p', { class: 'muted' }, 'Loading the stream…'));
  const section = el('section', { class: 'timeline', 'data-testid': 'timeline' }, el('p', {}, el('a', { href: '#/' }, '← all events')), body);
  let source = null;
  load(streamId, selected, body)
    .then((timeline) => (source = timeline && followStream(streamId, timeline)))
    .catch((error) => replaceChildren(body, el('p', { class: 'error', role: 'alert' }, error.message)));
  return { element: section, close: () => source?.close() };
}

async function load(streamId, selected, body) {
  const events = await streamEvents(streamId);
  if (events.length === 0) {
    replaceChildren(body, el('p', { class: 'error', role: 'alert' }, `No events in stream ${streamId}`));
    return null;
  }
  const route = (await pastStateRoutesByType()).get(events[0].streamType);
  const timeline = { streamId, events, states: [], route, body, selected: selected ?? events.length };
  await readStates(timeline, events.slice(-RECENT_STATES));
  render(timeline);
  return timeline;
}

/** Fetches the state after each of `events` (a few at a time); none without a past-state route. */
async function readStates(timeline, events) {
  if (!timeline.route) return;
  const queue = [...events];
  const worker = async () => {
    for (let event; (event = queue.shift()); ) {
      timeline.states[event.version] = await getJson(pastStateUrl(timeline.route, timeline.streamId, event.version)).catch((error) => ({ error: error.message }));
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_READS }, worker));
}

function followStream(streamId, timeline) {
  const after = timeline.events.at(-1).position;
  const source = new EventSource(`../events/live?streamId=${encodeURIComponent(streamId)}&after=${after}`);
  source.onmessage = async (message) => {
    const event = JSON.parse(message.data);
    timeline.events.push(event);
    await readStates(timeline, [event]);
    const wasLast = timeline.selected === timeline.events.length - 1;
    if (wasLast) timeline.selected = timeline.events.length;
    render(timeline);
  };
  return source;
}

function render(timeline) {
  const { events, states, selected, route } = timeline;
  const missing = route ? events.slice(Math.max(0, selected - 2), selected).filter((event) => !states[event.version]) : [];
  if (missing.length > 0) readStates(timeline, missing).then(() => render(timeline));
  const select = (version) => {
    timeline.selected = version;
    history.replaceState(null, '', `#/streams/${encodeURIComponent(timeline.streamId)}?version=${version}`);
    render(timeline);
  };
  const first = events[0];
  replaceChildren(
    timeline.body,
    el('h2', {}, `${first.streamType} `, el('code', { 'data-testid': 'stream-id' }, timeline.streamId)),
    route ? valueChart(states, events.length, selected, select) : el('p', { class: 'muted' }, `No past-state route is registered for ${first.streamType}: events only.`),
    stepper(events.length, selected, select),
    el('div', { class: 'columns' }, versionList(events, selected, select), eventDetail(events[selected - 1], states[selected], states[selected - 1], route)),
  );
}

function stepper(count, selected, select) {
  return el(
    'div',
    { class: 'stepper' },
    el('button', { type: 'button', 'data-testid': 'previous', disabled: selected <= 1, onclick: () => select(selected - 1) }, '◀ previous'),
    el('span', { 'data-testid': 'position-in-stream' }, `version ${selected} of ${count}`),
    el('button', { type: 'button', 'data-testid': 'next', disabled: selected >= count, onclick: () => select(selected + 1) }, 'next ▶'),
  );
}

function versionList(events, selected, select) {
  return el(
    'ol',
    { class: 'versions' },
    events.map((event) =>
      el('li', { class: event.version === selected ? 'selected' : undefined }, el('button', { type: 'button', onclick: () => select(event.version) }, `v${event.version} `, el('span', { class: 'type' }, event.type))),
    ),
  );
}

function eventDetail(event, state, previous, route) {
  return el(
    'div',
    { class: 'detail', 'data-testid': 'event-detail' },
    el('h3', {}, `v${event.version} · `, el('span', { class: 'type' }, event.type), ' · position ', event.position, ' · ', time(event.occurredAt)),
    route ? el('div', {}, el('h4', {}, 'State after this version'), stateTable(state, event.version > 1 ? previous : {})) : null,
    el('h4', {}, 'Data'),
    json(event.data),
    el('h4', {}, 'Metadata'),
    json(event.metadata),
  );
}

function stateTable(state, previous) {
  if (!state) return el('p', { class: 'muted' }, 'Reading…');
  if (state.error) return el('p', { class: 'error' }, state.error);
  return el(
    'table',
    { class: 'state', 'data-testid': 'state' },
    el('tbody', {}, Object.entries(state).map(([key, value]) => stateRow(key, value, previous?.[key], !BOOKKEEPING.has(key) && !sameValue(value, previous?.[key])))),
  );
}

function stateRow(key, value, before, changed) {
  return el(
    'tr',
    { class: changed ? 'changed' : undefined, 'data-field': key },
    el('th', {}, key),
    el('td', {}, typeof value === 'object' ? json(value) : String(value)),
    el('td', { class: 'before' }, changed && before !== undefined ? `was ${typeof before === 'object' ? JSON.stringify(before) : before}` : ''),
  );
}

function sameValue(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}
