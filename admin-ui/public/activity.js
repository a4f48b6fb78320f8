// The public page of one activity, where the job's messages lead: #<activityId> (the invitation) shows the activity and
// sends the member to their own member page to register; #<activityId>.<memberId>.<tag> (the survey link) also opens the
// post-activity survey and answers it with the link's own credential - no member token, one answer per member.
import { loadSettings } from './auth.js';
import { countdownText, untilStart } from './areas/activities/calendar.js';
import { when } from './dom.js';
import { applyTranslations, currentLocale, setLocale, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const LINK = /^([A-Za-z0-9_-]{1,64})(?:\.(m_[0-9a-f]{1,64}\.[A-Za-z0-9_-]{43}))?$/;
const link = LINK.exec(decodeURIComponent(location.hash.slice(1)));

function show(text) {
  $('errors').textContent = text;
  $('errors').hidden = false;
}

async function load() {
  const s = await loadSettings();
  const response = await fetch(`${s.apiUrl}/v1/activities/${encodeURIComponent(link[1])}`);
  if (!response.ok) {
    // Read the answer to its end even so: a fetch whose body is never read is never finished for the browser (its
    // connection stays taken, and a test waiting for the page to stop fetching waits forever).
    await response.text().catch(() => {});
    show(response.status === 404 ? t('actPageNotFound') : t('unreachable'));
    return;
  }
  const a = await response.json();
  $('theme').textContent = a.theme;
  $('description').textContent = a.description || '';
  $('when').textContent = `${when(a.startsAt)} – ${when(a.endsAt)}`;
  // The countdown to the start, as on the member's page, while the activity is still to come.
  if (['published', 'running'].includes(a.status) && untilStart(a.startsAt, Date.now())) {
    const countdown = () => { $('starts-in').textContent = countdownText(untilStart(a.startsAt, Date.now()), t); };
    countdown();
    $('starts-in').hidden = false;
    setInterval(countdown, 30_000);
    window.addEventListener('fanops:locale', countdown);
  }
  $('where').textContent = a.type === 'online' ? t('actPageOnline') : a.place;
  if (a.type === 'online') $('where').dataset.i18n = 'actPageOnline';
  // Registration stays on the member's own page (their token); this page only shows the activity.
  $('register').hidden = Boolean(link[2]) || !['published', 'running'].includes(a.status);
  $('activity').hidden = false;
  if (link[2]) $('survey').hidden = false;
}

$('survey').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('errors').hidden = true;
  const picked = document.querySelector('input[name=score]:checked');
  if (!picked) { show(t('myActScoreRequired')); return; }
  const body = { score: Number(picked.value) };
  if ($('comment').value.trim()) body.comment = $('comment').value.trim();
  try {
    const s = await loadSettings();
    const response = await fetch(`${s.apiUrl}/v1/activities/${encodeURIComponent(link[1])}/survey`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${link[2]}` }, body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    const type = (answer.type || '').split('/').pop();
    if (response.status === 201) {
      $('survey').hidden = true;
      $('done').hidden = false;
    } else if (response.status === 409) {
      show(t({ already: 'myActSurveyAlready', 'survey-not-open': 'actPageSurveyNotOpen', 'survey-closed': 'actPageSurveyClosed' }[type] || 'actPageSurveyClosed'));
    } else if (response.status === 403 || response.status === 404) {
      show(t('actPageLinkInvalid'));
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
if (link) load().catch(() => show(t('unreachable'))); else show(t('actPageNotFound'));
