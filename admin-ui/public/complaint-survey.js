// The satisfaction survey after a complaint is resolved: the private link's #<ticketNumber>.<token>, a score of 1-5
// and an optional comment, answered once per ticket.
import { loadSettings } from './auth.js';
import { applyTranslations, currentLocale, setLocale, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const LINK = /^(C-[0-9]{8}-[0-9]{4,6})\.([A-Za-z0-9-]{1,16}\.[A-Za-z0-9_-]{43})$/;
const link = LINK.exec(decodeURIComponent(location.hash.slice(1)));

function show(text) {
  $('errors').textContent = text;
  $('errors').hidden = false;
}

$('survey').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('errors').hidden = true;
  const picked = document.querySelector('input[name=score]:checked');
  const body = { score: picked ? Number(picked.value) : null };
  if ($('comment').value.trim()) body.comment = $('comment').value.trim();
  try {
    const s = await loadSettings();
    const response = await fetch(`${s.apiUrl}/v1/complaints/${encodeURIComponent(link[1])}/survey`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${link[2]}` }, body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    if (response.status === 201) {
      $('survey').hidden = true;
      $('done').hidden = false;
    } else if (response.status === 409) {
      show(t(answer.type && answer.type.endsWith('survey-answered') ? 'cmpSurveyDone' : 'cmpSurveyNotOpen'));
    } else if (response.status === 401) {
      show(t('cmpLinkInvalid'));
    } else {
      show([answer.title, ...(answer.errors || []).map((e) => `${e.field}: ${e.message}`)].join(' — '));
    }
  } catch (error) {
    show(t('unreachable'));
  }
});

$('locale').value = currentLocale();
$('locale').addEventListener('change', (event) => setLocale(event.target.value));
applyTranslations();
if (link) $('number').textContent = link[1]; else { $('survey').hidden = true; show(t('cmpLinkInvalid')); }
