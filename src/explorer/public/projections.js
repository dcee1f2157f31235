import { getJson, postJson } from './api.js';
import { el, replaceChildren, time } from './dom.js';

const REFRESH_MS = 1000;

/** Every projection with position, head, lag, status and last error, refreshed every second. */
export function projectionsView() {
  const rows = el('tbody');
  const message = el('p', { class: 'error', role: 'alert' });
  const section = el(
    'aside',
    { class: 'projections' },
    el('h2', {}, 'Projections'),
    el('table', { 'data-testid': 'projections' }, el('thead', {}, el('tr', {}, ['Name', 'Status', 'Position / head', 'Lag', 'Updated', ''].map((h) => el('th', {}, h)))), rows),
    message,
  );
  const refresh = async () => {
    try {
      const states = await getJson('../projections');
      replaceChildren(rows, states.map((state) => projectionRows(state, message, refresh)));
    } catch (error) {
      replaceChildren(message, `Could not read /projections: ${error.message}`);
    }
  };
  refresh();
  const timer = setInterval(refresh, REFRESH_MS);
  return { element: section, close: () => clearInterval(timer) };
}

function projectionRows(state, message, refresh) {
  const rebuild = async () => {
    try {
      await postJson(`../projections/${encodeURIComponent(state.name)}/rebuild`);
      replaceChildren(message);
    } catch (error) {
      replaceChildren(message, `Rebuild of ${state.name} refused: ${error.message}`);
    }
    refresh();
  };
  const row = el(
    'tr',
    { 'data-projection': state.name, 'data-position': state.position, 'data-status': state.status },
    el('td', {}, state.name),
    el('td', {}, el('span', { class: `status status-${state.status}` }, state.status)),
    el('td', { class: 'num' }, `${state.position} / ${state.headPosition}`),
    el('td', { class: 'num' }, state.lag),
    el('td', {}, time(state.updatedAt, { timeOnly: true })),
    el('td', {}, el('button', { type: 'button', onclick: rebuild, disabled: state.status === 'rebuilding' }, 'Rebuild')),
  );
  if (!state.lastError) return [row];
  return [row, el('tr', { class: 'last-error' }, el('td', { colspan: 6 }, 'Last error: ', el('code', {}, state.lastError)))];
}
