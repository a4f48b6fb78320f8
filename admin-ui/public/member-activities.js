// The member's activities on their private page (#<memberId>.<token>, the link from sign-up): activities open to them
// with a register button (a seat, or a place on the waiting list), their own registrations (status, number, start)
// with cancel, the rotating check-in code for a seat on the activity's day(s) - a QR code and its digits, fetched again as
// each 30-second code runs out, so a screenshot passed around stops working - and the post-activity survey (a score 1-5
// and a comment) for an activity they attended. A countdown to the start (days and hours, then hours and minutes) stands
// beside each open activity and each registration still to come, ticking each minute. Every call carries the member's
// token; the API decides.
import { businessDay, countdownText, daysOf, untilStart } from './areas/activities/calendar.js';
import { loadSettings } from './auth.js';
import { h, when } from './dom.js';
import { t } from './i18n.js';
import { qrCode } from './qr.js';

const $ = (id) => document.getElementById(id);
const [memberId, token] = location.hash.slice(1).split('.');
const mine = (rest = '') => `/v1/members/${encodeURIComponent(memberId)}/activities${rest}`;
let open = [];
let registrations = [];
let codeTimer = null;

async function call(path, options = {}, withToken = true) {
  const s = await loadSettings();
  const response = await fetch(`${s.apiUrl}${path}`, {
    ...options, headers: { ...(options.headers || {}), ...(withToken ? { authorization: `Bearer ${token}` } : {}) },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw Object.assign(new Error(body.detail || body.title || String(response.status)), { problem: body, status: response.status });
  return Object.assign(body, { $status: response.status });
}

function say(text, kind) {
  $('my-activities-status').textContent = text || '';
  $('my-activities-status').className = kind || '';
}

function registrationOf(activityId) {
  return registrations.find((r) => r.activityId === activityId)?.registration;
}

/** The countdown to a start, kept current by tick(). */
function countdown(startsAt) {
  return h('p', { class: 'muted small', 'data-countdown': startsAt }, countdownText(untilStart(startsAt, Date.now()), t));
}

function tick() {
  document.querySelectorAll('[data-countdown]').forEach((el) => {
    el.textContent = countdownText(untilStart(el.dataset.countdown, Date.now()), t);
  });
}

function drawOpen() {
  $('my-open-activities').replaceChildren(...(open.length ? open.map((a) => {
    const held = registrationOf(a.activityId);
    const taken = held && held.status !== 'cancelled';
    return h('div', { class: 'offer', 'data-open-activity': a.activityId },
      h('strong', {}, a.theme), h('p', { class: 'small' }, `${when(a.startsAt)} – ${when(a.endsAt)}${a.place ? ` · ${a.place}` : ''}`),
      countdown(a.startsAt),
      a.description ? h('p', { class: 'small' }, a.description) : null,
      h('p', { class: 'muted small' }, a.seatsLeft > 0 ? t('myActSeatsLeft').replace('{n}', a.seatsLeft) : a.waitingList ? t('myActWaitingOnly') : t('myActFull')),
      taken ? h('p', { class: 'muted small', 'data-i18n': 'myActAlready' })
        : h('button', { type: 'button', 'data-register': a.activityId, disabled: !(a.seatsLeft > 0 || a.waitingList),
          onclick: (event) => register(a, event.currentTarget) }, t(a.seatsLeft > 0 ? 'myActRegister' : 'myActJoinWaiting')));
  }) : [h('p', { class: 'muted', 'data-i18n': 'myActNoneOpen' })]));
}

function drawMine() {
  $('my-registrations').tBodies[0].replaceChildren(...registrations.map((a) => {
    const r = a.registration || {};
    const seat = r.status === 'registered';
    const ended = ['closed', 'evaluated'].includes(a.status) || (a.endsAt && Date.parse(a.endsAt) <= Date.now());
    // The code is offered on the activity's day(s) only (business days): before, a code would be of no use at the door.
    const today = a.endsAt ? daysOf(a).includes(businessDay(new Date())) : true;
    return h('tr', { 'data-registration': a.activityId },
      h('td', {}, a.theme),
      h('td', {}, when(a.startsAt), ['registered', 'waiting'].includes(r.status) && !r.checkedInAt && !ended ? countdown(a.startsAt) : null),
      h('td', { class: `status-${r.status}` }, t(`actReg_${r.status}`)),
      h('td', { class: 'num' }, String(r.no ?? '')),
      h('td', {}, r.checkedInAt ? `${t('myActCheckedIn')} ${when(r.checkedInAt)}` : ''),
      h('td', { class: 'row wrap' },
        seat && !r.checkedInAt && !ended && today ? h('button', { type: 'button', 'data-code': a.activityId, 'data-i18n': 'myActShowCode', onclick: () => showCode(a) }) : null,
        seat && !r.checkedInAt && !ended && !today ? h('span', { class: 'muted small', 'data-i18n': 'myActCodeOnTheDay' }) : null,
        ['registered', 'waiting'].includes(r.status) && !r.checkedInAt && !ended
          ? h('button', { type: 'button', class: 'secondary', 'data-cancel': a.activityId, 'data-i18n': 'myActCancel', onclick: () => cancel(a) }) : null,
        r.checkedInAt && ended ? h('button', { type: 'button', class: 'secondary', 'data-survey': a.activityId, 'data-i18n': 'myActSurvey', onclick: () => openSurvey(a) }) : null));
  }));
  $('my-registrations-empty').hidden = registrations.length > 0;
}

async function load() {
  const [openBody, mineBody] = await Promise.all([call('/v1/activities', {}, false), call(mine())]);
  open = openBody.items || [];
  registrations = mineBody.items || [];
  drawOpen();
  drawMine();
}

async function register(a, button) {
  button.disabled = true;
  try {
    const r = await call(mine(`/${encodeURIComponent(a.activityId)}/registration`), { method: 'POST' });
    say(r.status === 'waiting' ? t('myActWaiting').replace('{position}', r.position ?? '').replace('{no}', r.no)
      : t('myActRegistered').replace('{no}', r.no), 'notice');
    await load();
  } catch (error) {
    say(error.status ? error.message : t('unreachable'), 'error');
    button.disabled = false;
  }
}

async function cancel(a) {
  if (!confirm(t('myActCancelConfirm').replace('{theme}', a.theme))) return;
  try {
    await call(mine(`/${encodeURIComponent(a.activityId)}/registration`), { method: 'DELETE' });
    say(t('myActCancelled'), 'notice');
    hideCode();
    await load();
  } catch (error) {
    say(error.status ? error.message : t('unreachable'), 'error');
  }
}

// ---- the rotating code ----

function hideCode() {
  clearTimeout(codeTimer);
  codeTimer = null;
  $('my-code').hidden = true;
}

async function showCode(a) {
  clearTimeout(codeTimer);
  try {
    const { code, validUntil, refreshAt } = await call(mine(`/${encodeURIComponent(a.activityId)}/code`));
    $('my-code-theme').textContent = a.theme;
    $('my-code-qr').replaceChildren(qrCode(code, t('myActCodeLabel')));
    $('my-code-digits').textContent = code;
    $('my-code-until').textContent = t('myActCodeUntil').replace('{at}', new Date(validUntil).toLocaleTimeString());
    $('my-code').dataset.activity = a.activityId;
    $('my-code').hidden = false;
    // The next code when this one's step ends (refreshAt; the staff's side still takes it 10 s longer): at most every
    // 30 s, at least every 2 s.
    const wait = Math.min(30_000, Math.max(2_000, Date.parse(refreshAt || validUntil) - Date.now()));
    codeTimer = setTimeout(() => showCode(a), wait);
  } catch (error) {
    hideCode();
    say(error.status ? error.message : t('unreachable'), 'error');
  }
}

// ---- the survey ----

function openSurvey(a) {
  const form = $('my-survey');
  form.reset();
  form.dataset.activity = a.activityId;
  $('my-survey-theme').textContent = a.theme;
  $('my-survey-status').textContent = '';
  form.hidden = false;
  form.querySelector('input[name=score]').focus();
}

async function answerSurvey(event) {
  event.preventDefault();
  const form = $('my-survey');
  const score = Number(form.querySelector('input[name=score]:checked')?.value);
  if (!score) {
    $('my-survey-status').textContent = t('myActScoreRequired');
    return;
  }
  const comment = form.elements.comment.value.trim();
  try {
    await call(mine(`/${encodeURIComponent(form.dataset.activity)}/survey`), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(comment ? { score, comment } : { score }) });
    form.hidden = true;
    say(t('myActSurveyThanks'), 'notice');
  } catch (error) {
    $('my-survey-status').textContent = error.status === 409 ? t('myActSurveyAlready') : error.status ? error.message : t('unreachable');
  }
}

$('my-survey').addEventListener('submit', answerSurvey);
$('my-survey-close').addEventListener('click', () => { $('my-survey').hidden = true; });
$('my-code-close').addEventListener('click', hideCode);
window.addEventListener('fanops:locale', () => { drawOpen(); drawMine(); });
/**
 * A message's link names an activity (`?activity=<id>`: the invitation) or its survey (`?survey=<id>`): with the member's
 * own link (the token in the hash) that activity is shown, or its survey form opened.
 */
function follow() {
  const params = new URLSearchParams(location.search);
  const survey = registrations.find((a) => a.activityId === params.get('survey'));
  if (survey) openSurvey(survey);
  const card = [...document.querySelectorAll('[data-open-activity]')].find((el) => el.dataset.openActivity === params.get('activity'));
  card?.scrollIntoView({ block: 'center' });
  card?.classList.add('offer-chosen');
}

if (memberId && token) {
  setInterval(tick, 30_000);
  load().then(follow).catch((error) => say(error.status ? error.message : t('unreachable'), 'error'));
} else {
  $('my-activities').hidden = true;
}
