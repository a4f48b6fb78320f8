// The page an unsubscribe link in a marketing message opens: the token comes in the fragment (never sent to any
// server by the browser, never in a referrer), one button POSTs it to the API, which withdraws marketing consent.
// A second click, or a second visit, answers the same: there is nothing left to withdraw.
import { loadSettings } from './auth.js';
import { applyTranslations, currentLocale, setLocale, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
// The shape of the API's tokens (UnsubscribeToken.SHAPE): a key id, a dot, the message id and its MAC.
const TOKEN = /^[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]{43}$/;
const token = decodeURIComponent(location.hash.slice(1));

function show(key) {
  $('status').textContent = t(key);
  $('status').dataset.i18n = key;
  $('status').hidden = false;
}

async function unsubscribe() {
  $('confirm').disabled = true;
  $('status').hidden = true;
  try {
    const s = await loadSettings();
    // An empty POST: a simple request (no CORS preflight), which the API takes as RFC 8058's one click.
    const response = await fetch(`${s.apiUrl}/v1/unsubscribe/${encodeURIComponent(token)}`, { method: 'POST' });
    await response.text().catch(() => ''); // only the status counts, but read to its end: a body never read keeps its request open
    if (response.status === 200) {
      $('ask').hidden = true;
      $('done').hidden = false;
    } else if (response.status === 429) {
      show('tooMany');
    } else if (response.status === 400 || response.status === 404) {
      show('unsubInvalid');
    } else {
      show('unreachable');
    }
  } catch (error) {
    show('unreachable');
  } finally {
    $('confirm').disabled = false;
  }
}

$('confirm').addEventListener('click', unsubscribe);
$('locale').value = currentLocale();
$('locale').addEventListener('change', (event) => setLocale(event.target.value));
applyTranslations();
if (!TOKEN.test(token)) {
  $('confirm').disabled = true;
  show('unsubInvalid');
}
