// Small helpers the dashboard's areas share: table cells, dates in the reader's locale, problem+json as one line.
import { currentLocale } from './i18n.js';

/** A table cell holding text (or a node), with an optional class. */
export function cell(content, className) {
  const td = document.createElement('td');
  if (content instanceof Node) td.append(content); else td.textContent = content ?? '';
  if (className) td.className = className;
  return td;
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
