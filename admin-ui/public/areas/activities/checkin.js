// The staff check-in page, made for a tablet at the door: large touch targets, the member's rotating code typed
// (`<no>-<6 digits>`) or scanned from the QR code on their private page with the camera - through the browser's own
// BarcodeDetector where it has one (feature-detected; no scanning library is loaded, typing always works) - and the
// answer shown large: checked in (the name as the API masks it for the role, the registration number), already checked
// in (and when), an expired code, another activity's code, no seat. The API decides every answer.
import { api } from '../../auth.js';
import { h, newest, when } from '../../dom.js';
import { t } from '../../i18n.js';
import { parseCode, outcomeOf } from './code.js';
import { call, count, ofLimit, path } from './format.js';

const $ = (id) => document.getElementById(id);
let activity = null;
let stream = null;
let scanning = null;
let lastScan = { code: '', at: 0 };
// The activity is read when the page opens and again after each check-in (codes can come a few a second at the door):
// only the newest answer is drawn, so that an older count never replaces a newer one.
const reads = newest();

/** Whether this browser can scan QR codes itself. */
export async function canScan() {
  if (!('BarcodeDetector' in window) || !navigator.mediaDevices?.getUserMedia) return false;
  try {
    return (await window.BarcodeDetector.getSupportedFormats()).includes('qr_code');
  } catch {
    return false;
  }
}

function answer(outcome, lines) {
  const box = $('ci-answer');
  box.className = `ci-answer ci-${outcome}`;
  box.dataset.outcome = outcome;
  box.replaceChildren(h('strong', { class: 'ci-verdict' }, t(`ciOutcome_${outcome}`)), ...lines.filter(Boolean).map((line) => h('span', {}, line)));
  box.hidden = false;
}

/** Reads the activity again - its title and counts - when the page opens (`opening`: a failure takes the title's place) and after each check-in. */
async function refresh(opening) {
  const isNewest = reads();
  try {
    const current = await call(path(activity.activityId));
    if (!isNewest()) return;
    activity = current;
    $('ci-title').textContent = activity.theme;
    const c = activity.counts || {};
    $('ci-counts').textContent = t('ciCounts').replace('{checkedIn}', count(c.checkedIn ?? 0)).replace('{registered}', ofLimit(c.registered, c.capacity ?? activity.capacity));
  } catch (error) {
    // After a check-in the counts are a convenience; the check-in answers stand on their own.
    if (opening && isNewest()) $('ci-title').textContent = error.message;
  }
}

async function submit(text) {
  const parsed = parseCode(text);
  if (parsed.error) {
    answer('malformed', [t('ciFormatHint')]);
    $('ci-code').setAttribute('aria-invalid', 'true');
    return;
  }
  $('ci-code').removeAttribute('aria-invalid');
  $('ci-submit').disabled = true;
  try {
    const response = await api(path(activity.activityId, '/check-ins'), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: parsed.code }) });
    const body = await response.json().catch(() => ({}));
    const outcome = outcomeOf(response.status, body);
    const who = body.displayName || body.memberId;
    if (outcome === 'checked_in') answer(outcome, [who, t('ciNo').replace('{no}', body.no)]);
    else if (outcome === 'already') answer(outcome, [who, t('ciNo').replace('{no}', body.no), t('ciAlreadyAt').replace('{at}', when(body.checkedInAt))]);
    else answer(outcome, [parsed.code, outcome === 'error' ? (body.detail || body.title || String(response.status)) : t(`ciHint_${outcome}`)]);
    if (outcome === 'checked_in' || outcome === 'already') {
      $('ci-code').value = '';
      refresh(false);
    }
  } catch (error) {
    answer('error', [error.code === 'SessionExpired' ? t('sessionExpired') : t('unreachable')]);
  } finally {
    $('ci-submit').disabled = false;
    $('ci-code').focus();
  }
}

async function startScan() {
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  } catch {
    answer('error', [t('ciNoCamera')]);
    return;
  }
  const video = $('ci-video');
  video.srcObject = stream;
  video.hidden = false;
  await video.play();
  $('ci-scan').hidden = true;
  $('ci-stop').hidden = false;
  const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
  scanning = setInterval(async () => {
    const [found] = await detector.detect(video).catch(() => []);
    const code = found?.rawValue?.trim();
    // The same code held in front of the camera is sent once, not every frame.
    if (!code || (code === lastScan.code && Date.now() - lastScan.at < 5000)) return;
    lastScan = { code, at: Date.now() };
    $('ci-code').value = code;
    submit(code);
  }, 300);
}

export function stopScan() {
  clearInterval(scanning);
  scanning = null;
  stream?.getTracks().forEach((track) => track.stop());
  stream = null;
  if ($('ci-video')) {
    $('ci-video').hidden = true;
    $('ci-scan').hidden = false;
    $('ci-stop').hidden = true;
  }
}

/** Opens the page for an activity. */
export async function openCheckIn(activityId) {
  stopScan();
  $('ci-answer').hidden = true;
  $('ci-code').value = '';
  $('ci-back').href = `#activities/${encodeURIComponent(activityId)}`;
  activity = { activityId };
  await refresh(true);
  $('ci-scan').hidden = !(await canScan());
  $('ci-code').focus();
}

/** The page (hidden until opened). */
export function checkInPage() {
  return h('section', { id: 'act-checkin', class: 'card ci', hidden: true },
    h('p', {}, h('a', { id: 'ci-back', href: '#activities', 'data-i18n': 'actBack' })),
    h('h2', { id: 'ci-title' }),
    h('p', { id: 'ci-counts', class: 'ci-counts', 'aria-live': 'polite' }),
    h('form', { id: 'ci-form', novalidate: true, onsubmit: (event) => { event.preventDefault(); submit($('ci-code').value); } },
      h('label', { for: 'ci-code', 'data-i18n': 'ciCodeLabel' }),
      h('input', { id: 'ci-code', name: 'code', class: 'ci-code', inputmode: 'numeric', autocomplete: 'off', autocapitalize: 'off',
        spellcheck: false, placeholder: '12-345678', 'aria-describedby': 'ci-format-hint' }),
      h('p', { id: 'ci-format-hint', class: 'muted', 'data-i18n': 'ciFormatHint' }),
      h('div', { class: 'row wrap' },
        h('button', { id: 'ci-submit', type: 'submit', class: 'ci-button', 'data-i18n': 'ciCheckIn' }),
        h('button', { id: 'ci-scan', type: 'button', class: 'ci-button secondary', 'data-i18n': 'ciScan', hidden: true, onclick: startScan }),
        h('button', { id: 'ci-stop', type: 'button', class: 'ci-button secondary', 'data-i18n': 'ciStopScan', hidden: true, onclick: stopScan }))),
    h('video', { id: 'ci-video', class: 'ci-video', hidden: true, muted: true, playsinline: true }),
    h('div', { id: 'ci-answer', class: 'ci-answer', role: 'status', 'aria-live': 'assertive', hidden: true }));
}
