// Builds elements from data without ever parsing it as HTML: text goes in through textContent.

/** el('td', { class: 'x', onclick: fn }, 'text', otherElement) */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  element.append(...nodes(children));
  return element;
}

/** An SVG element (the chart), with the same rules. */
export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  setAttributes(element, attributes);
  element.append(...nodes(children));
  return element;
}

function setAttributes(element, attributes) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, String(value));
  }
}

// Nested arrays are flattened; null, undefined and false are left out (0 and '' are shown).
function nodes(children) {
  return children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false).map(asNode);
}

function asNode(child) {
  return child instanceof Node ? child : document.createTextNode(String(child));
}

/** JSON, indented, as text. */
export function json(value) {
  return el('pre', { class: 'json' }, JSON.stringify(value, null, 2));
}

export function time(iso, { timeOnly = false } = {}) {
  const date = new Date(iso);
  return el('time', { datetime: iso, title: iso }, timeOnly ? date.toLocaleTimeString() : date.toLocaleString());
}

export function shortId(id) {
  return id.length > 13 ? `${id.slice(0, 8)}…` : id;
}

export function replaceChildren(parent, ...children) {
  parent.replaceChildren(...nodes(children));
}
