// The public sign-up form: shows the current notice for each purpose and records one decision per purpose
// against the version shown. Personal data goes only to the API; nothing is kept in the browser.
import { loadSettings } from './auth.js';
import { challengeHeaders } from './challenge.js';
import { h } from './dom.js';
import { applyTranslations, currentLocale, setLocale, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
let notices = [];
let minorAge = 14;

async function loadNotices() {
  const s = await loadSettings();
  const response = await fetch(`${s.apiUrl}/v1/notices?locale=${encodeURIComponent(currentLocale())}`);
  const body = await response.json();
  notices = body.notices;
  minorAge = body.minorAge;
  const box = $('consents');
  box.querySelectorAll('.consent').forEach((el) => el.remove());
  box.append(...notices.map((n) => h('label', { class: 'consent' },
    h('input', { type: 'checkbox', name: `consent-${n.purpose}`, 'data-purpose': n.purpose, 'data-version': n.version }), ' ',
    h('span', {}, `${t(`purpose_${n.purpose}`)}${n.required ? ` (${t('required')})` : ''}: ${n.text}`))));
}

function age(birthday) {
  const b = new Date(birthday);
  const now = new Date();
  let years = now.getFullYear() - b.getFullYear();
  if (now.getMonth() < b.getMonth() || (now.getMonth() === b.getMonth() && now.getDate() < b.getDate())) years -= 1;
  return years;
}

function contactOf(value) {
  const v = value.trim();
  return v.includes('@') ? { email: v } : { phone: v };
}

function request() {
  const type = document.querySelector('input[name=contactType]:checked').value;
  const body = {
    nickname: $('nickname').value.trim(),
    [type]: $('contact').value.trim(),
    region: $('region').value.trim(),
    channel: $('channel').value,
    locale: currentLocale(),
    consents: [...document.querySelectorAll('#consents input[type=checkbox]')].map((c) => ({
      purpose: c.dataset.purpose, granted: c.checked, noticeVersion: Number(c.dataset.version),
    })),
  };
  if ($('birthday').value) body.birthday = $('birthday').value;
  const interests = $('interests').value.split(',').map((i) => i.trim()).filter(Boolean);
  if (interests.length) body.interests = interests;
  if ($('referralCode').value.trim()) body.referralCode = $('referralCode').value.trim();
  if (!$('guardian').hidden) {
    body.guardian = { name: $('guardianName').value.trim(), ...contactOf($('guardianContact').value), consent: $('guardianConsent').checked };
  }
  return body;
}

function showProblem(problem) {
  document.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  const lines = [problem.title || t('failed')];
  for (const e of problem.errors || []) {
    lines.push(`${e.field}: ${e.message}`);
    const input = $(e.field) || document.querySelector(`[name=${CSS.escape(e.field)}]`);
    if (input) input.setAttribute('aria-invalid', 'true');
  }
  if (problem.detail) lines.push(problem.detail);
  $('errors').textContent = lines.join(' — ');
  $('errors').hidden = false;
}

$('birthday').addEventListener('change', () => {
  $('guardian').hidden = !($('birthday').value && age($('birthday').value) < minorAge);
});
document.querySelectorAll('input[name=contactType]').forEach((r) => r.addEventListener('change', () => {
  $('contact').autocomplete = r.value === 'email' ? 'email' : 'tel';
}));

$('signup').addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = $('signup').querySelector('button[type=submit]');
  button.disabled = true;
  $('errors').hidden = true;
  try {
    const s = await loadSettings();
    const proof = await challengeHeaders(s.apiUrl);
    const response = await fetch(`${s.apiUrl}/v1/members`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...proof }, body: JSON.stringify(request()),
    });
    const body = await response.json().catch(() => ({}));
    if (response.status === 201) {
      $('member-id').textContent = body.memberId;
      $('member-link').textContent = `${location.origin}${location.pathname.replace('signup.html', 'member.html')}#${body.memberId}.${body.memberToken}`;
      $('form-card').hidden = true;
      $('done').hidden = false;
    } else if (response.status === 429) {
      showProblem({ ...body, title: t('tooMany'), detail: body.detail });
    } else {
      showProblem(body);
    }
  } catch (error) {
    showProblem({ title: t('unreachable') });
  } finally {
    button.disabled = false;
  }
});

$('locale').value = currentLocale();
$('locale').addEventListener('change', async (event) => { setLocale(event.target.value); await loadNotices(); });
applyTranslations();
loadNotices().catch(() => showProblem({ title: t('unreachable') }));
