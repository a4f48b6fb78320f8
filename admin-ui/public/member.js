// A member's own consents, opened with the private link from sign-up (#<memberId>.<token>); withdrawal is one click.
import { loadSettings } from './auth.js';
import { cell, h, when } from './dom.js';
import { applyTranslations, currentLocale, setLocale, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const [memberId, token] = location.hash.slice(1).split('.');
let notices = [];

async function call(path, options = {}) {
  const s = await loadSettings();
  const response = await fetch(`${s.apiUrl}${path}`, {
    ...options, headers: { ...(options.headers || {}), authorization: `Bearer ${token}` },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw Object.assign(new Error(body.title || String(response.status)), { problem: body });
  return body;
}

function render(state) {
  $('consents').replaceChildren(...notices.filter((x) => !x.required).map((n) => {
    const granted = Boolean(state.current[n.purpose] && state.current[n.purpose].granted);
    return h('label', {},
      h('input', { type: 'checkbox', checked: granted, 'data-purpose': n.purpose, 'data-version': n.version, 'data-was': String(granted) }), ' ',
      h('span', {}, `${t(`purpose_${n.purpose}`)}: ${n.text}`));
  }));
  $('history').tBodies[0].replaceChildren(...state.ledger.slice().sort((a, b) => (a.at < b.at ? 1 : -1)).map((e) => h('tr', {},
    cell(when(e.at)), cell(t(`purpose_${e.purpose}`)), cell(e.granted ? t('granted') : t('withdrawn')), cell(`v${e.noticeVersion}`))));
}

async function load() {
  const s = await loadSettings();
  notices = (await (await fetch(`${s.apiUrl}/v1/notices?locale=${currentLocale()}`)).json()).notices;
  render(await call(`/v1/members/${encodeURIComponent(memberId)}/consents`));
}

$('save').addEventListener('click', async () => {
  // Only what changed goes to the ledger: an unchanged box is not a new decision.
  const decisions = [...document.querySelectorAll('#consents input')].filter((b) => String(b.checked) !== b.dataset.was).map((b) => ({
    purpose: b.dataset.purpose, granted: b.checked, noticeVersion: Number(b.dataset.version),
  }));
  if (!decisions.length) {
    $('status').textContent = t('saved');
    return;
  }
  try {
    render(await call(`/v1/members/${encodeURIComponent(memberId)}/consents`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ decisions }),
    }));
    $('status').textContent = t('saved');
  } catch (error) {
    $('status').textContent = error.problem?.detail || error.message;
  }
});

$('locale').value = currentLocale();
$('locale').addEventListener('change', (e) => { setLocale(e.target.value); load(); });
applyTranslations();
load().catch((error) => { $('status').textContent = error.problem?.detail || t('unreachable'); });
