// Message templates (admins and managers): one kind in one locale at a time - subject, e-mail body and SMS text, with
// the placeholders that kind may use - previewed as the member would get it (the HTML part in a sandboxed frame that
// runs nothing), then saved as a new version of every kind in both locales, based on the version shown: the API
// refuses an unknown placeholder or a too-long SMS naming the field (shown beside it), and a version saved meanwhile
// (409: reload, then edit again). With the history of versions.
import { api } from '../../auth.js';
import { clearProblem, h, newest, problemText, showProblem, when, whileBusy } from '../../dom.js';
import { historyDiff } from '../../history.js';
import { t } from '../../i18n.js';
import { label } from './format.js';

const $ = (id) => document.getElementById(id);
const LOCALES = ['zh-CN', 'en'];
const FIELDS = ['subject', 'body', 'sms'];
const HISTORY_PAGE = 20;
let current = null;
let draft = null;
let editing = null;
let lastField = 'body';
const reads = newest();
const historyReads = newest();
const previews = newest();

function versionLine(v) {
  return v.version === 0 ? t('rulesVersion0')
    : t('rulesVersion').replace('{version}', v.version).replace('{by}', v.changedBy).replace('{at}', when(v.changedAt));
}

/** Keeps what is in the fields in the draft of the kind and locale being edited. */
function stash() {
  if (!editing) return;
  const template = draft[editing.kind][editing.locale];
  for (const f of FIELDS) template[f] = $(`template-${f}`).value;
}

function edit() {
  stash();
  editing = { kind: $('template-kind').value, locale: $('template-locale').value };
  const template = draft[editing.kind][editing.locale];
  for (const f of FIELDS) $(`template-${f}`).value = template[f] ?? '';
  const kind = current.kinds.find((k) => k.kind === editing.kind);
  $('template-purpose').dataset.i18n = `msgPurpose_${kind.purpose}`;
  $('template-purpose').textContent = label('msgPurpose_', kind.purpose);
  $('template-placeholders').replaceChildren(...kind.placeholders.map((name) => h('button', {
    type: 'button', class: 'chip', 'data-placeholder': name, title: t('tplInsert'), onclick: () => insert(`{{${name}}}`) }, `{{${name}}}`)));
  $('template-marketing').hidden = kind.purpose !== 'marketing';
  clearProblem($('template-form'));
  $('template-preview').hidden = true;
}

/** A placeholder put where the cursor was in the field last used. */
function insert(text) {
  const field = $(`template-${lastField}`);
  const at = field.selectionStart ?? field.value.length;
  field.setRangeText(text, at, field.selectionEnd ?? at, 'end');
  field.focus();
}

async function load() {
  const isNewest = reads();
  const response = await api('/v1/admin/messaging/templates');
  const body = await response.json().catch(() => ({}));
  if (!isNewest()) return;
  if (!response.ok) {
    $('template-status').textContent = problemText(body);
    return;
  }
  current = body;
  draft = structuredClone(body.templates);
  editing = null;
  $('templates-version').textContent = versionLine(body);
  const kind = $('template-kind');
  const chosen = kind.value;
  kind.replaceChildren(...body.kinds.map((k) => h('option', { value: k.kind, 'data-i18n': `kind_${k.kind}` })));
  if (chosen && body.kinds.some((k) => k.kind === chosen)) kind.value = chosen;
  $('template-stale').hidden = true;
  edit();
}

/** The history: a first page replaces it, "more" appends the next within the read that drew the first. */
async function loadHistory(isNewest, cursor) {
  const params = new URLSearchParams({ limit: String(HISTORY_PAGE) });
  if (cursor) params.set('cursor', cursor);
  const response = await api(`/v1/admin/messaging/templates/history?${params}`);
  const body = await response.json().catch(() => ({}));
  if (!response.ok || !isNewest()) return;
  const rows = body.items.map((v) => h('li', { 'data-version': String(v.version) }, versionLine(v)));
  if (cursor) $('templates-history').append(...rows); else $('templates-history').replaceChildren(...rows);
  historyDiff($('templates-history'), body.items, { append: !!cursor });
  const more = $('templates-history-more');
  more.hidden = !body.next;
  more.onclick = whileBusy(more, () => loadHistory(isNewest, body.next));
}

async function preview() {
  stash();
  const form = $('template-form');
  const request = { kind: editing.kind, locale: editing.locale, template: draft[editing.kind][editing.locale] };
  const memberId = $('template-member').value.trim();
  if (memberId) request.memberId = memberId;
  const isNewest = previews();
  const response = await api('/v1/admin/messaging/templates/preview', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
  const body = await response.json().catch(() => ({}));
  if (!isNewest()) return; // a later preview was asked for: it draws
  $('template-preview').hidden = !response.ok;
  if (!response.ok) {
    showProblem(form, body, $('template-status'), (field) => field.replace(/^template\./, ''));
    return;
  }
  clearProblem(form);
  $('template-status').textContent = '';
  $('preview-subject').textContent = body.subject;
  $('preview-text').textContent = body.text;
  // The HTML part, rendered where it can do nothing: no scripts, no same origin, no navigation of this page.
  $('preview-html').srcdoc = body.html;
  $('preview-sms').textContent = body.sms;
  $('preview-segments').textContent = t('tplSegments').replace('{n}', body.smsSegments);
}

async function save(event) {
  event.preventDefault();
  stash();
  const form = $('template-form');
  const button = event.submitter || form.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    const response = await api('/v1/admin/messaging/templates', {
      method: 'PUT', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ basedOn: current.version, templates: draft }) });
    const body = await response.json().catch(() => ({}));
    if (response.status === 409) {
      clearProblem(form);
      $('template-status').textContent = '';
      $('template-stale').hidden = false;
      return;
    }
    if (!response.ok) {
      // Errors name the kind and locale (templates.care.en.body): beside the field when it is the one shown.
      const prefix = `templates.${editing.kind}.${editing.locale}.`;
      showProblem(form, body, $('template-status'), (field) => (field.startsWith(prefix) ? field.slice(prefix.length) : null));
      return;
    }
    await load();
    $('template-status').textContent = t('rulesSaved').replace('{version}', body.version);
    await loadHistory(historyReads());
  } finally {
    button.disabled = false;
  }
}

function field(name, control) {
  return h('label', {}, h('span', { 'data-i18n': `tpl${name[0].toUpperCase()}${name.slice(1)}` }), control,
    h('span', { class: 'error small', 'data-error-for': name, role: 'alert', hidden: true }));
}

export function templatesCard() {
  const remember = (name) => () => { lastField = name; };
  return h('section', { id: 'templates', class: 'card' },
    h('h2', { 'data-i18n': 'templatesTitle' }),
    h('p', { id: 'templates-version', class: 'muted' }),
    h('form', { id: 'template-form', novalidate: true, onsubmit: save },
      h('div', { class: 'row' },
        h('label', { class: 'inline' }, h('span', { 'data-i18n': 'msgKind' }), ' ', h('select', { id: 'template-kind', onchange: edit })),
        h('label', { class: 'inline' }, h('span', { 'data-i18n': 'msgLocale' }), ' ',
          h('select', { id: 'template-locale', onchange: edit }, LOCALES.map((l) => h('option', { value: l, 'data-i18n': `locale_${l}` })))),
        h('span', { id: 'template-purpose', class: 'muted' })),
      h('div', {}, h('span', { class: 'muted', 'data-i18n': 'tplPlaceholders' }), ' ', h('span', { id: 'template-placeholders' }),
        h('p', { id: 'template-marketing', class: 'muted small', 'data-i18n': 'tplMarketing', hidden: true })),
      field('subject', h('input', { id: 'template-subject', name: 'subject', maxlength: '200', onfocus: remember('subject') })),
      field('body', h('textarea', { id: 'template-body', name: 'body', rows: 9, onfocus: remember('body') })),
      field('sms', h('textarea', { id: 'template-sms', name: 'sms', rows: 3, onfocus: remember('sms') })),
      h('div', { class: 'row' },
        h('label', { class: 'inline' }, h('span', { 'data-i18n': 'tplPreviewMember' }), ' ',
          h('input', { id: 'template-member', name: 'memberId', class: 'member-id', placeholder: 'm_…' })),
        h('span', { class: 'error small', 'data-error-for': 'memberId', role: 'alert', hidden: true }),
        h('button', { id: 'template-preview-button', type: 'button', class: 'secondary', 'data-i18n': 'tplPreview', onclick: preview }),
        h('button', { type: 'submit', 'data-i18n': 'saveRules' }),
        h('button', { type: 'button', class: 'secondary', 'data-i18n': 'reload',
          onclick: () => { $('template-status').textContent = ''; load(); } })),
      h('p', { id: 'template-status', class: 'muted', role: 'status' }),
      h('div', { id: 'template-stale', class: 'notice', hidden: true },
        h('p', { 'data-i18n': 'tplStale' }),
        h('button', { id: 'template-stale-reload', type: 'button', 'data-i18n': 'reload',
          onclick: () => { $('template-status').textContent = ''; load(); loadHistory(historyReads()); } }))),
    h('div', { id: 'template-preview', class: 'panel', hidden: true },
      h('h3', { 'data-i18n': 'tplPreviewTitle' }),
      h('h4', { 'data-i18n': 'tplSubject' }), h('p', { id: 'preview-subject' }),
      h('h4', { 'data-i18n': 'tplTextPart' }), h('pre', { id: 'preview-text', class: 'text' }),
      h('h4', { 'data-i18n': 'tplHtmlPart' }),
      h('iframe', { id: 'preview-html', class: 'preview-frame', sandbox: '', referrerpolicy: 'no-referrer', title: t('tplHtmlPart') }),
      h('h4', { 'data-i18n': 'tplSms' }), h('p', { id: 'preview-sms' }), h('p', { id: 'preview-segments', class: 'muted' })),
    h('h3', { 'data-i18n': 'history' }),
    h('ul', { id: 'templates-history' }),
    h('button', { id: 'templates-history-more', type: 'button', class: 'secondary', 'data-i18n': 'more', hidden: true }));
}

/** Reads the version in force and the history (on first opening; Reload reads them again). */
export function showTemplates() {
  load();
  loadHistory(historyReads());
}
