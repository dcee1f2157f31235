// The explorer reads only the public API; every answer is data to display, never markup.

export async function getJson(path) {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body?.message ?? `${response.status} ${response.statusText}`);
  return body;
}

export async function postJson(path) {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body?.message ?? `${response.status} ${response.statusText}`);
  return body;
}

/** Every event of one stream, in version order, following the global feed's pages. */
export async function streamEvents(streamId) {
  const events = [];
  for (let after = 0; ; ) {
    const page = await getJson(`../events?streamId=${encodeURIComponent(streamId)}&after=${after}&limit=1000`);
    events.push(...page.items);
    if (page.items.length === 0) return events;
    after = page.nextAfter;
  }
}

let pastStateRoutes = null;

/**
 * Stream type -> path template of the route answering its state after a version (`?version=`),
 * found in the OpenAPI document: routes marked with `x-past-state-of` (ApiPastState).
 */
export async function pastStateRoutesByType() {
  pastStateRoutes ??= getJson('../docs-json').then((document) => {
    const routes = new Map();
    for (const [path, item] of Object.entries(document.paths)) {
      const type = item.get?.['x-past-state-of'];
      if (type) routes.set(type, path);
    }
    return routes;
  });
  return pastStateRoutes;
}

export function pastStateUrl(template, streamId, version) {
  return `..${template.replace(/\{[^}]+\}/, encodeURIComponent(streamId))}?version=${version}`;
}
