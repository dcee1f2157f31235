import { getJson } from './api.js';
import { el, replaceChildren, shortId, time } from './dom.js';

// The feed starts this many positions before the head of the log (further back when filtered,
// since fewer events match), then follows it live.
const BACKLOG = 100;
const FILTERED_BACKLOG = 10_000;
const MAX_ROWS = 500;

/** The global feed, newest first, live through /events/live, filterable by type and stream. */
export function feedView(filter) {
  const rows = el('tbody');
  const status = el('span', { class: 'live', 'data-testid': 'feed-status' }, 'connecting…');
  const since = el('span', { class: 'muted since' });
  const typeInput = el('input', { name: 'type', placeholder: 'CounterIncremented, CounterReset', value: filter.type ?? '' });
  const streamInput = el('input', { name: 'streamId', placeholder: 'stream id', value: filter.streamId ?? '' });
  const form = el(
    'form',
    { class: 'filters', onsubmit: (event) => applyFilter(event, typeInput, streamInput) },
    el('label', {}, 'Type ', typeInput),
    el('label', {}, 'Stream ', streamInput),
    el('button', { type: 'submit' }, 'Filter'),
  );
  const section = el(
    'section',
    { class: 'feed' },
    el('h2', {}, 'Events ', status, since),
    form,
    el('table', { 'data-testid': 'feed' }, el('thead', {}, el('tr', {}, ['Position', 'Time', 'Type', 'Stream', 'Version'].map((h) => el('th', {}, h)))), rows),
  );
  const source = follow(filter, rows, status, since);
  return { element: section, close: () => source.then((s) => s.close()) };
}

function applyFilter(event, typeInput, streamInput) {
  event.preventDefault();
  const query = new URLSearchParams();
  if (typeInput.value.trim()) query.set('type', typeInput.value.trim());
  if (streamInput.value.trim()) query.set('streamId', streamInput.value.trim());
  location.hash = `#/?${query}`;
}

async function follow(filter, rows, status, since) {
  const projections = await getJson('../projections').catch(() => []);
  const head = Math.max(0, ...projections.map((p) => p.headPosition));
  const after = Math.max(0, head - (filter.type || filter.streamId ? FILTERED_BACKLOG : BACKLOG));
  replaceChildren(since, after > 0 ? `after position ${after}` : 'from the start');
  const query = new URLSearchParams({ after: String(after) });
  if (filter.type) query.set('type', filter.type);
  if (filter.streamId) query.set('streamId', filter.streamId);
  const source = new EventSource(`../events/live?${query}`);
  source.onopen = () => replaceChildren(status, 'live');
  source.onerror = () => replaceChildren(status, 'reconnecting…');
  source.onmessage = (message) => {
    rows.prepend(eventRow(JSON.parse(message.data)));
    while (rows.children.length > MAX_ROWS) rows.lastElementChild.remove();
  };
  return source;
}

function eventRow(event) {
  const stream = el('a', { href: `#/streams/${encodeURIComponent(event.streamId)}?version=${event.version}`, title: event.streamId }, `${event.streamType} ${shortId(event.streamId)}`);
  return el(
    'tr',
    { 'data-position': event.position },
    el('td', { class: 'num' }, event.position),
    el('td', {}, time(event.occurredAt, { timeOnly: true })),
    el('td', {}, el('span', { class: 'type' }, event.type)),
    el('td', {}, stream),
    el('td', { class: 'num' }, event.version),
  );
}
