import { el, replaceChildren } from './dom.js';
import { feedView } from './feed.js';
import { projectionsView } from './projections.js';
import { timelineView } from './timeline.js';

// Routes live in the hash, so every view has an address: #/?type=&streamId= and #/streams/<id>?version=<n>.
const app = document.getElementById('app');
let open = [];

function route() {
  open.forEach((view) => view.close());
  const [path, search] = location.hash.replace(/^#/, '').split('?');
  const query = new URLSearchParams(search ?? '');
  const stream = /^\/streams\/(.+)$/.exec(path ?? '');
  if (stream) {
    const version = Number(query.get('version')) || undefined;
    open = [timelineView(decodeURIComponent(stream[1]), version)];
    replaceChildren(app, open[0].element);
  } else {
    open = [feedView({ type: query.get('type') ?? undefined, streamId: query.get('streamId') ?? undefined }), projectionsView()];
    replaceChildren(app, el('div', { class: 'home' }, open.map((view) => view.element)));
  }
}

window.addEventListener('hashchange', route);
route();
