// A complaint's status through the private link from the acknowledgement: #<ticketNumber>.<token> in the fragment
// (never sent to a server by the browser, never in a referrer); the token goes to the API as a bearer token.
import { loadSettings } from './auth.js';
import { h } from './dom.js';
import { applyTranslations, currentLocale, setLocale, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const LINK = /^(C-[0-9]{8}-[0-9]{4,6})\.([A-Za-z0-9-]{1,16}\.[A-Za-z0-9_-]{43})$/;
const link = LINK.exec(decodeURIComponent(location.hash.slice(1)));

function show(key) {
  $('errors').textContent = t(key);
  $('errors').dataset.i18n = key;
  $('errors').hidden = false;
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString(currentLocale()) : '';
}

function render(ticket) {
  $('number').textContent = ticket.ticketNumber;
  $('status').textContent = t(`cmpStatus_${ticket.status}`);
  $('reply-by').textContent = when(ticket.firstResponseDue);
  $('reply-by-line').hidden = !ticket.firstResponseDue;
  $('resolution').textContent = ticket.resolution || '';
  $('resolution-line').hidden = !ticket.resolution;
  $('conversation').replaceChildren(...ticket.conversation.map((m) =>
    h('li', {}, h('span', { class: 'muted' }, `${when(m.at)} · ${t(m.from === 'you' ? 'cmpFromYou' : 'cmpFromSupport')}: `), m.text)));
  $('survey-link').hidden = !ticket.surveyOpen;
  $('survey-href').href = `complaint-survey.html${location.hash}`;
  $('reply').hidden = ticket.status === 'closed';
  $('ticket').hidden = false;
}

async function call(method, path, body) {
  const s = await loadSettings();
  const headers = { authorization: `Bearer ${link[2]}` };
  if (body) headers['content-type'] = 'application/json';
  const response = await fetch(`${s.apiUrl}/v1/complaints/${encodeURIComponent(link[1])}${path}`,
    { method, headers, body: body ? JSON.stringify(body) : undefined });
  return { status: response.status, body: await response.json().catch(() => ({})) };
}

async function load() {
  try {
    const r = await call('GET', '');
    if (r.status === 200) render(r.body);
    else show(r.status === 401 ? 'cmpLinkInvalid' : 'unreachable');
  } catch (error) {
    show('unreachable');
  }
}

$('reply').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('errors').hidden = true;
  try {
    const r = await call('POST', '/replies', { text: $('text').value.trim() });
    if (r.status === 200) {
      $('text').value = '';
      render(r.body);
    } else if (r.status === 409) {
      show('cmpClosed');
    } else {
      delete $('errors').dataset.i18n;
      $('errors').textContent = [r.body.title, ...(r.body.errors || []).map((e) => `${e.field}: ${e.message}`)].join(' — ');
      $('errors').hidden = false;
    }
  } catch (error) {
    show('unreachable');
  }
});

$('locale').value = currentLocale();
$('locale').addEventListener('change', (event) => { setLocale(event.target.value); if (link) load(); });
applyTranslations();
if (link) load(); else show('cmpLinkInvalid');
