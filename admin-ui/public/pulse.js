// The community pulse survey: the private link's #<pulseId>.<token> opens the question (in the page's language), a
// score of 1-5 and an optional comment, answered once per member and pulse, until the pulse closes.
import { loadSettings } from './auth.js';
import { applyTranslations, currentLocale, setLocale, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const LINK = /^(p_[0-9a-f]{24})\.([A-Za-z0-9-]{1,16}\.[A-Za-z0-9_-]{43})$/;
const link = LINK.exec(decodeURIComponent(location.hash.slice(1)));
let question = null;

function show(text) {
  delete $('errors').dataset.i18n;
  $('errors').textContent = text;
  $('errors').hidden = false;
}

/** A message of ours: said again in the other language when the reader switches. */
function say(key) {
  show(t(key));
  $('errors').dataset.i18n = key;
}

function drawQuestion() {
  if (question) $('question').textContent = question[currentLocale() === 'zh-CN' ? 'zh-CN' : 'en'];
}

async function call(path, options = {}) {
  const s = await loadSettings();
  return fetch(`${s.apiUrl}/v1/pulses/${link[1]}${path}`, { ...options,
    headers: { ...(options.headers || {}), authorization: `Bearer ${link[2]}` } });
}

async function open() {
  try {
    const response = await call('');
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      say(response.status === 401 ? 'plsLinkInvalid' : 'unreachable');
      return;
    }
    question = body.question;
    drawQuestion();
    if (body.answered) say('plsAnswered');
    else if (body.status === 'closed') say('plsClosed');
    else $('pulse').hidden = false;
  } catch (error) {
    say('unreachable');
  }
}

$('pulse').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('errors').hidden = true;
  const picked = document.querySelector('input[name=score]:checked');
  const body = { score: picked ? Number(picked.value) : null };
  if ($('comment').value.trim()) body.comment = $('comment').value.trim();
  try {
    const response = await call('/answers', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const answer = await response.json().catch(() => ({}));
    if (response.status === 201) {
      $('pulse').hidden = true;
      $('done').hidden = false;
    } else if (response.status === 409 && answer.type && answer.type.endsWith('pulse-answered')) {
      say('plsAnswered');
    } else if (response.status === 410) {
      say('plsClosed');
    } else if (response.status === 401) {
      say('plsLinkInvalid');
    } else {
      show([answer.title, ...(answer.errors || []).map((e) => `${e.field}: ${e.message}`)].join(' — '));
    }
  } catch (error) {
    say('unreachable');
  }
});

$('locale').value = currentLocale();
$('locale').addEventListener('change', (event) => { setLocale(event.target.value); drawQuestion(); });
applyTranslations();
if (link) open(); else say('plsLinkInvalid');
