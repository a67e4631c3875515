/*!
 * Kefu pages: building the DOM. Shared by the agent desk and the trainer console (the storefront
 * widget stays one file of its own). Text always goes in as text (textContent, text nodes), never as
 * markup: innerHTML is not used anywhere, so whatever the server or a person typed shows as typed.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * An HTML element. props: attributes, except "class", "text" (the text content) and "on<event>"
 * (a listener); a null or false value is left out, true is an empty attribute. children: nodes,
 * strings (as text) or arrays of them; null and false are skipped.
 */
export function h(tag, props, ...children) {
  return fill(document.createElement(tag), props, children);
}

/** An SVG element, with props and children as for h(). */
export function svg(tag, props, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), props, children);
}

function fill(node, props, children) {
  for (const [key, value] of Object.entries(props || {})) {
    if (value == null || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child != null && child !== false) node.append(child);
  }
  return node;
}

export const $ = (id) => document.getElementById(id);

/** A length in code points, as the server counts. */
export const chars = (s) => Array.from(s).length;

/** "1 entry", "3 entries". */
export const plural = (n, one, many) => n + ' ' + (n === 1 ? one : (many || one + 's'));

/** Runs fn with the button disabled and aria-busy, so that a double click sends once. */
export async function busy(button, fn) {
  if (!button || button.disabled) return undefined;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await fn();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/** Shows an ApiError in a box: its message, every problem, then any extra nodes (buttons). */
export function showError(box, err, ...extra) {
  box.replaceChildren(h('p', { class: 'error-message', text: err.message }));
  box.hidden = false;
  box.classList.add('error');
  box.classList.remove('ok');
  box.dataset.code = err.code || '';
  if (err.problems && err.problems.length) {
    box.append(h('ol', { class: 'problems' }, err.problems.map((p) => h('li', { text: p }))));
  }
  box.append(...extra.filter(Boolean));
}

/** Shows a success message in a box. */
export function showOk(box, text) {
  box.hidden = false;
  box.classList.remove('error');
  box.classList.add('ok');
  delete box.dataset.code;
  box.textContent = text;
}

/** Empties a box and forgets whether it held an error or a success. */
export function clearBox(box) {
  box.replaceChildren();
  box.classList.remove('error', 'ok');
  delete box.dataset.code;
}

/**
 * Writes the server's limits into a page: an element with data-maxlength="<limit>" gets that limit
 * as its maxlength, one with data-limit="<limit>" shows it as its text (in KiB with data-unit="KiB").
 */
export function applyLimits(limits, root = document) {
  for (const el of root.querySelectorAll('[data-maxlength]')) {
    el.setAttribute('maxlength', String(limits[el.dataset.maxlength]));
  }
  for (const el of root.querySelectorAll('[data-limit]')) {
    const value = Number(limits[el.dataset.limit]);
    el.textContent = String(el.dataset.unit === 'KiB' ? Math.floor(value / 1024) : value);
  }
}

/** Fills a select with the codes of one of the server's lists, labelled; keeps its first option if told. */
export function fillOptions(select, items, keepFirst) {
  const first = keepFirst ? select.options[0] : null;
  select.replaceChildren(...[first, items.map((i) => h('option', { value: i.code, text: i.label.en }))].flat().filter(Boolean));
}
