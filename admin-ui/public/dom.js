// The one way the dashboard and the public forms build markup: h(tag, attrs, ...children) (and svg() for charts).
// Text always goes in as text nodes, never through innerHTML, so data cannot become markup; styles are set through
// the CSSOM (a style object), which a strict Content-Security-Policy allows where a style="" attribute is refused.
import { currentLocale, t } from './i18n.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

function set(node, attrs, svg) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'style') {
      if (typeof value !== 'object') throw new Error('h(): style takes an object (a style="" string breaks the CSP)');
      Object.assign(node.style, value);
    } else if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'data-i18n') {
      node.dataset.i18n = value;
      node.textContent = t(value);
    } else if (key === 'data-i18n-placeholder') {
      node.dataset.i18nPlaceholder = value;
      node.placeholder = t(value);
    } else if (key === 'data-i18n-label') {
      node.dataset.i18nLabel = value;
      node.setAttribute('aria-label', t(value));
    } else if (key === 'class') {
      node.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    } else if (svg || key.includes('-') || !(key in node)) {
      node.setAttribute(key, value === true ? '' : String(value));
    } else {
      node[key] = value;
    }
  }
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/**
 * An HTML element. attrs: `class` (string or list), `style` (object), `on<event>` (listener), `data-i18n` (a text key:
 * the element's text, redone on a change of language), `data-i18n-label` (a text key: the accessible name of a control
 * that shows no label of its own, also redone), `data-*`/`aria-*` (attributes), anything else the element's property
 * of that name (id, type, value, hidden, ...). Children: nodes, strings, numbers, lists; null/false skipped.
 * A `scroll` container (a wide table's sideways scroller) is a keyboard stop, so that it scrolls with the arrow keys.
 */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  set(node, attrs, false);
  if (node.classList.contains('scroll') && !node.hasAttribute('tabindex')) node.tabIndex = 0;
  return append(node, children);
}

/** An SVG element: every attribute set as an attribute. */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  set(node, attrs, true);
  return append(node, children);
}

/** A table cell holding text (or a node), with an optional class. */
export function cell(content, className) {
  return h('td', { class: className }, content ?? '');
}

/** A table head: each column a text key, '' for none, or { key | text, ...attrs } (e.g. { key: 'colPoints', class: 'num' }). */
export function thead(...columns) {
  return h('thead', {}, h('tr', {}, columns.map((c) => {
    const { key, text, ...attrs } = typeof c === 'object' ? c : { key: c };
    return h('th', key ? { ...attrs, 'data-i18n': key } : attrs, text);
  })));
}

/**
 * Names each control in a table's body that has no label by its row and its column, as a sighted reader reads them
 * ("Like · Weight"): the row's first cell and the column's header. Call it after filling the body.
 */
export function nameControlsByHeaders(table) {
  const headers = [...(table.tHead?.rows[0]?.cells || [])].map((th) => th.textContent.trim());
  for (const row of table.tBodies[0]?.rows || []) {
    const rowName = row.cells[0]?.textContent.trim();
    [...row.cells].forEach((td, i) => td.querySelectorAll('input, select, textarea').forEach((control) => {
      if (control.labels?.length || control.hasAttribute('aria-label')) return;
      control.setAttribute('aria-label', [rowName, headers[i]].filter(Boolean).join(' · '));
    }));
  }
}

/**
 * Reads of one thing in the order they were asked for: each call to the returned function starts a read and gives a
 * check that stays true only while no later read has started. A list read when an area opens can answer after the one
 * a save started (a cold function, a busy machine); without the check, the older answer would be drawn over the newer.
 *   const reads = newest();  ...  const isNewest = reads(); const body = await call(...); if (!isNewest()) return;
 */
export function newest() {
  let started = 0;
  return () => {
    const mine = ++started;
    return () => mine === started;
  };
}

/**
 * A button's click handler that runs `action` while marking the button busy (`aria-busy`) until it settles, so a second
 * click meanwhile starts nothing (a "more" page fetched twice and appended twice). Not `disabled`: a disabled button
 * loses the keyboard focus, and someone paging with the keyboard would have to find it again after every page.
 */
export function whileBusy(button, action) {
  return async (...args) => {
    if (button.getAttribute('aria-busy') === 'true') return undefined;
    button.setAttribute('aria-busy', 'true');
    try {
      return await action(...args);
    } finally {
      button.removeAttribute('aria-busy');
    }
  };
}

/** An instant in the reader's locale; empty for none. */
export function when(iso) {
  return iso ? new Date(iso).toLocaleString(currentLocale()) : '';
}

/** A problem+json answer as one line: the fields it names, else its detail or title. */
export function problemText(body) {
  const fields = (body.errors || []).map((e) => `${e.field}: ${e.message}`);
  return fields.length ? fields.join(' — ') : (body.detail || body.title || '');
}

/** Clears what showProblem() put on a form. */
export function clearProblem(form) {
  form.querySelectorAll('[data-error-for]').forEach((slot) => { slot.textContent = ''; slot.hidden = true; });
  form.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
}

/**
 * A problem+json answer on a form: each field error beside its field (the element with data-error-for="<name>", its
 * input - name="<name>" - marked invalid), everything else (errors of fields the form does not show, or the detail)
 * as one line in `rest`. `fieldOf` maps the API's field name to the form's, or to null when the form does not show it.
 */
export function showProblem(form, body, rest, fieldOf = (field) => field) {
  clearProblem(form);
  const left = [];
  for (const e of body.errors || []) {
    const name = fieldOf(e.field);
    const slot = name ? form.querySelector(`[data-error-for="${CSS.escape(name)}"]`) : null;
    if (!slot) {
      left.push(`${e.field}: ${e.message}`);
      continue;
    }
    slot.textContent = slot.textContent ? `${slot.textContent} — ${e.message}` : e.message;
    slot.hidden = false;
    form.querySelector(`[name="${CSS.escape(name)}"]`)?.setAttribute('aria-invalid', 'true');
  }
  rest.textContent = left.length ? left.join(' — ') : (body.errors || []).length ? '' : (body.detail || body.title || '');
}
