// The public complaint form. A member arrives with their private member link's fragment (#<memberId>.<token>) and files
// as a member; anyone else files with a contact only. One Idempotency-Key per filled-in form: sending again after a
// network failure files the complaint once. The ticket number comes with the acknowledgement (e-mail or SMS).
import { loadSettings } from './auth.js';
import { applyTranslations, currentLocale, setLocale, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const MEMBER = /^(m_[0-9a-f]{1,64})\.([A-Za-z0-9_-]{20,100})$/;
const member = MEMBER.exec(decodeURIComponent(location.hash.slice(1)));
let key = crypto.randomUUID();

function request() {
  const body = {
    name: $('name').value.trim(),
    contact: $('contact').value.trim(),
    locale: currentLocale(),
    category: $('category').value,
    description: $('description').value.trim(),
  };
  if ($('reference').value.trim()) body.reference = $('reference').value.trim();
  const links = $('attachments').value.split('\n').map((l) => l.trim()).filter(Boolean);
  if (links.length) body.attachments = links;
  if (member) body.memberId = member[1];
  return body;
}

function showProblem(problem) {
  document.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  const lines = [problem.title || t('failed')];
  for (const e of problem.errors || []) {
    lines.push(`${e.field}: ${e.message}`);
    const input = $(e.field.replace(/\[\d+\]$/, ''));
    if (input) input.setAttribute('aria-invalid', 'true');
  }
  if (problem.detail) lines.push(problem.detail);
  $('errors').textContent = lines.join(' — ');
  $('errors').hidden = false;
}

$('complaint').addEventListener('input', () => { key = crypto.randomUUID(); });
$('complaint').addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = $('complaint').querySelector('button[type=submit]');
  button.disabled = true;
  $('errors').hidden = true;
  try {
    const s = await loadSettings();
    const headers = { 'content-type': 'application/json', 'idempotency-key': key };
    if (member) headers.authorization = `Bearer ${member[2]}`;
    const response = await fetch(`${s.apiUrl}/v1/complaints`, { method: 'POST', headers, body: JSON.stringify(request()) });
    const body = await response.json().catch(() => ({}));
    if (response.status === 202) {
      $('reference-out').textContent = body.reference;
      $('complaint').hidden = true;
      $('done').hidden = false;
    } else if (response.status === 429) {
      showProblem({ ...body, title: t('tooMany') });
    } else {
      showProblem(body);
    }
  } catch (error) {
    showProblem({ title: t('unreachable') });
  } finally {
    button.disabled = false;
  }
});

$('as-member').hidden = !member;
$('locale').value = currentLocale();
$('locale').addEventListener('change', (event) => setLocale(event.target.value));
applyTranslations();
