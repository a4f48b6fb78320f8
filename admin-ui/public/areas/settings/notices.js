// Settings section (admins): consent notices - the version in force per purpose and language; a draft of the next
// version, saved on the server so it can be left and resumed; a preview as the sign-up form shows it; and publishing,
// after a confirmation that says how many members will be asked to consent again (the API's grant counters: members
// whose current decision grants an older version). Publishing uses the existing route; the draft is then discarded.
import { api } from '../../auth.js';
import { h, newest, problemText, when } from '../../dom.js';
import { confirmDialog } from '../../confirm-dialog.js';
import { historyDiff } from '../../history.js';
import { t } from '../../i18n.js';

const $ = (id) => document.getElementById(id);
const PURPOSES = ['membership', 'marketing', 'personalisation'];
const LOCALES = ['zh-CN', 'en'];
let current = new Map();
let reach = null;
// Read again every time the area is opened, on another purpose and after each change: only the newest answer is drawn.
const currentReads = newest();
const draftReads = newest();
const historyReads = newest();

const status = (text) => { $('notices-status').textContent = text; };
const texts = () => Object.fromEntries(LOCALES.map((l) => [l, $(`notice-text-${l}`).value]));
const purpose = () => $('notice-purpose').value;

async function loadCurrent() {
  const isNewest = currentReads();
  const response = await api('/v1/admin/notices');
  const body = await response.json().catch(() => ({}));
  if (!isNewest()) return;
  if (!response.ok) {
    status(problemText(body));
    return;
  }
  current = new Map(body.notices.map((n) => [n.purpose, n]));
  $('notices-current').tBodies[0].replaceChildren(...PURPOSES.filter((p) => current.has(p)).flatMap((p) => {
    const n = current.get(p);
    return LOCALES.map((l) => h('tr', { 'data-purpose': p, 'data-locale': l },
      h('td', {}, t(`purpose_${p}`)), h('td', {}, l), h('td', {}, `v${n.version}`),
      h('td', {}, n.version === 1 && n.publishedBy === 'system' ? t('builtIn') : `${n.publishedBy} · ${when(n.publishedAt)}`),
      h('td', { class: 'notice-text' }, n.texts[l])));
  }));
}

/** The draft of the chosen purpose (or the text in force to start one) and the publish's reach. */
async function loadDraft() {
  const isNewest = draftReads();
  const response = await api(`/v1/admin/notices/${purpose()}/draft`);
  const body = await response.json().catch(() => ({}));
  if (!isNewest()) return; // another purpose was chosen meanwhile, or this one read again: the newest answer draws
  if (!response.ok) {
    status(problemText(body));
    return;
  }
  reach = body;
  const source = body.draft ? body.draft.texts : current.get(purpose())?.texts || {};
  for (const l of LOCALES) $(`notice-text-${l}`).value = source[l] || '';
  $('notice-draft-state').textContent = body.draft
    ? t('noticeDraftSaved').replace('{by}', body.draft.savedBy).replace('{at}', when(body.draft.savedAt)).replace('{version}', body.draft.basedOn)
    : t('noticeNoDraft');
  $('notice-discard').disabled = !body.draft;
  $('notice-reach').textContent = t('noticeReach').replace('{version}', body.currentVersion + 1).replace('{n}', body.askedAgain)
    .replace('{purpose}', t(`purpose_${purpose()}`));
  $('notice-preview').hidden = true;
  await loadHistory();
}

/** The purpose's published versions, with the diff of two of them (texts per language). */
async function loadHistory() {
  const isNewest = historyReads();
  const response = await api(`/v1/admin/notices/${purpose()}/history`);
  const body = await response.json().catch(() => ({})); // read either way: a body never read keeps its request open
  if (!isNewest()) return;
  const items = response.ok ? body.items : [];
  $('notice-history').replaceChildren(...items.map((n) => h('li', { 'data-version': String(n.version) },
    `v${n.version} · ${n.publishedBy === 'system' ? t('builtIn') : `${n.publishedBy} · ${when(n.publishedAt)}`}`)));
  historyDiff($('notice-history'), items);
}

async function saveDraft() {
  const response = await api(`/v1/admin/notices/${purpose()}/draft`, {
    method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ texts: texts() }),
  });
  const body = await response.json().catch(() => ({})); // read either way: a body never read keeps its request open
  if (!response.ok) {
    status(problemText(body));
    return false;
  }
  status(t('noticeDraftStored'));
  await loadDraft();
  return true;
}

/** Discards the purpose's draft on the server; the answer is read to its end, or its request would stay open. */
async function dropDraft(p) {
  const response = await api(`/v1/admin/notices/${p}/draft`, { method: 'DELETE' });
  await response.text().catch(() => '');
}

async function discardDraft() {
  await dropDraft(purpose());
  status(t('noticeDraftDiscarded'));
  await loadDraft();
}

/** The draft as the sign-up form shows a notice: a consent checkbox with the purpose, (required) and the text. */
function preview() {
  const p = purpose();
  const required = p === 'membership';
  $('notice-preview-body').replaceChildren(...LOCALES.map((l) => h('div', { class: 'notice-preview', lang: l },
    h('p', { class: 'muted small' }, l),
    h('label', { class: 'consent' },
      h('input', { type: 'checkbox', disabled: true, 'aria-label': `${t(`purpose_${p}`, l)} (${l})` }), ' ',
      h('span', {}, `${t(`purpose_${p}`, l)}${required ? ` (${t('required', l)})` : ''}: ${$(`notice-text-${l}`).value}`)))));
  $('notice-preview').hidden = false;
}

async function publish() {
  // The draft as shown is saved first (so what is confirmed is what the server holds), then the reach read afresh.
  if (!(await saveDraft())) return;
  const p = purpose();
  const next = reach.currentVersion + 1;
  const done = await confirmDialog({
    title: t('noticePublishTitle').replace('{purpose}', t(`purpose_${p}`)).replace('{version}', next),
    subject: t(`purpose_${p}`),
    consequences: t('noticePublishConsequence').replace('{n}', reach.askedAgain).replace('{version}', next),
    confirm: 'noticePublish',
  }, async () => {
    const response = await api('/v1/admin/notices', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ purpose: p, texts: texts() }),
    });
    const body = await response.json().catch(() => ({})); // read either way: a body never read keeps its request open
    return response.ok ? null : problemText(body);
  });
  if (!done) return;
  await dropDraft(p);
  const askedAgain = reach.askedAgain;
  await loadCurrent();
  await loadDraft();
  status(t('noticePublished').replace('{version}', next).replace('{n}', askedAgain));
}

function render() {
  const area = (l) => h('label', { class: 'dialog-field', for: `notice-text-${l}` },
    h('span', {}, `${t('noticeText')} (${l})`), h('textarea', { id: `notice-text-${l}`, rows: 4, maxlength: '20000' }));
  return h('section', { class: 'card', id: 'notices-settings' },
    h('h2', { 'data-i18n': 'noticesTitle' }),
    h('p', { class: 'muted', 'data-i18n': 'noticesIntro' }),
    h('table', { id: 'notices-current', class: 'compact' }, h('thead', {}, h('tr', {},
      h('th', { 'data-i18n': 'what' }), h('th', { 'data-i18n': 'language' }), h('th', { 'data-i18n': 'version' }),
      h('th', { 'data-i18n': 'noticePublishedBy' }), h('th', { 'data-i18n': 'noticeText' }))), h('tbody')),
    h('h3', { 'data-i18n': 'noticeNext' }),
    h('label', { class: 'inline' }, h('span', { 'data-i18n': 'what' }), ' ',
      h('select', { id: 'notice-purpose', onchange: () => { status(''); loadDraft(); } },
        PURPOSES.map((p) => h('option', { value: p, 'data-i18n': `purpose_${p}` })))),
    h('p', { id: 'notice-draft-state', class: 'muted' }),
    LOCALES.map(area),
    h('p', { id: 'notice-reach', class: 'notice' }),
    h('div', { class: 'row wrap' },
      h('button', { type: 'button', id: 'notice-save', 'data-i18n': 'noticeSaveDraft', onclick: saveDraft }),
      h('button', { type: 'button', id: 'notice-preview-button', class: 'secondary', 'data-i18n': 'noticePreview', onclick: preview }),
      h('button', { type: 'button', id: 'notice-discard', class: 'secondary', 'data-i18n': 'noticeDiscard', onclick: discardDraft }),
      h('button', { type: 'button', id: 'notice-publish', 'data-i18n': 'noticePublish', onclick: publish })),
    h('div', { id: 'notice-preview', hidden: true }, h('h4', { 'data-i18n': 'noticePreviewTitle' }), h('div', { id: 'notice-preview-body' })),
    h('p', { id: 'notices-status', class: 'muted', role: 'status' }),
    h('h3', { 'data-i18n': 'history' }),
    h('ul', { id: 'notice-history' }));
}

export default {
  render,
  async show() {
    status('');
    await loadCurrent();
    await loadDraft();
  },
};
