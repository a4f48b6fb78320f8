// The community satisfaction pulse (docs/complaints.md, "Community pulse"): managers and admins start one - a sample
// size, optionally the question in both languages and how many days it stays open - and everyone who opens the area
// reads the list, newest first, with each pulse's sample, requests, answers, response rate, score and spread of scores.
// Answers are anonymous here: no member and no comment is shown. Registered as its own area (one line in areas.js).
import { api } from '../../auth.js';
import { cell, h, newest, problemText, thead, when } from '../../dom.js';
import { currentLocale, t } from '../../i18n.js';

const $ = (id) => document.getElementById(id);
let pulses = [];
const reads = newest();

function pct(rate) {
  return rate === null || rate === undefined ? '—'
    : new Intl.NumberFormat(currentLocale(), { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

function spread(distribution) {
  return ['1', '2', '3', '4', '5'].map((k) => `${k}★ ${distribution?.[k] ?? 0}`).join(' · ');
}

function row(p) {
  return h('tr', { 'data-pulse': p.pulseId },
    cell(when(p.createdAt)), cell(t(`pulseStatus_${p.status}`), 'pulse-state'), cell(String(p.sampleSize), 'num'),
    cell(String(p.sampled), 'num'), cell(String(p.requested), 'num'), cell(String(p.answered), 'num pulse-answered'),
    cell(pct(p.responseRate), 'num'), cell(p.score === undefined ? '—' : `${Number(p.score).toFixed(2)} / 5`, 'num pulse-score'),
    cell(spread(p.distribution), 'small'), cell(when(p.closesAt)),
    cell(p.question?.[currentLocale() === 'zh-CN' ? 'zh-CN' : 'en'] || '', 'small'));
}

function draw() {
  $('pulse-list').tBodies[0].replaceChildren(...pulses.map(row));
  $('pulse-empty').hidden = pulses.length > 0;
}

async function load() {
  const isNewest = reads();
  const response = await api('/v1/admin/pulses?limit=50');
  const body = await response.json().catch(() => ({}));
  if (!isNewest()) return;
  if (!response.ok) {
    $('pulse-status').textContent = problemText(body);
    return;
  }
  pulses = body.items || [];
  draw();
}

async function start(event) {
  event.preventDefault();
  const form = event.target;
  const body = { sampleSize: Number(form.sampleSize.value) };
  if (form.closesInDays.value) body.closesInDays = Number(form.closesInDays.value);
  if (form.questionZh.value || form.questionEn.value) body.question = { 'zh-CN': form.questionZh.value, en: form.questionEn.value };
  const response = await api('/v1/admin/pulses', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body) });
  const answer = await response.json().catch(() => ({}));
  $('pulse-status').textContent = response.ok ? t('pulseStarted').replace('{id}', answer.pulseId) : problemText(answer);
  if (response.ok) form.reset();
  await load();
}

function startForm() {
  return h('form', { id: 'pulse-start', class: 'row', noValidate: true, onsubmit: start },
    h('label', { class: 'inline' }, h('span', { 'data-i18n': 'pulseSampleSize' }), ' ',
      h('input', { name: 'sampleSize', id: 'pulse-size', type: 'number', min: 1, max: 10000, required: true, value: 500 })),
    h('label', { class: 'inline' }, h('span', { 'data-i18n': 'pulseClosesInDays' }), ' ',
      h('input', { name: 'closesInDays', id: 'pulse-days', type: 'number', min: 1, max: 30, 'data-i18n-placeholder': 'pulseDaysDefault' })),
    h('label', { class: 'inline' }, h('span', { 'data-i18n': 'pulseQuestionZh' }), ' ',
      h('input', { name: 'questionZh', id: 'pulse-question-zh', maxLength: 200, 'data-i18n-placeholder': 'pulseQuestionDefault' })),
    h('label', { class: 'inline' }, h('span', { 'data-i18n': 'pulseQuestionEn' }), ' ',
      h('input', { name: 'questionEn', id: 'pulse-question-en', maxLength: 200, 'data-i18n-placeholder': 'pulseQuestionDefault' })),
    h('button', { type: 'submit', 'data-i18n': 'pulseStart' }));
}

export default {
  id: 'pulse',
  nav: 'navPulse',
  opensWith: ['metrics', 'complaints'],

  render(container, session) {
    const starts = ['admin', 'manager'].some((role) => session.roles.includes(role));
    container.append(h('section', { id: 'pulse', class: 'card' },
      h('h2', { 'data-i18n': 'pulseTitle' }),
      h('p', { class: 'muted', 'data-i18n': 'pulseIntro' }),
      starts ? startForm() : null,
      h('p', { id: 'pulse-status', class: 'muted', role: 'status' }),
      h('div', { class: 'scroll' }, h('table', { id: 'pulse-list', class: 'compact' },
        thead('pulseCreated', 'pulseState', { key: 'pulseSampleSize', class: 'num' }, { key: 'pulseSampled', class: 'num' },
          { key: 'pulseRequested', class: 'num' }, { key: 'pulseAnswered', class: 'num' }, { key: 'pulseResponseRate', class: 'num' },
          { key: 'pulseScore', class: 'num' }, 'pulseDistribution', 'pulseCloses', 'pulseQuestion'), h('tbody'))),
      h('p', { id: 'pulse-empty', class: 'muted', 'data-i18n': 'pulseNone', hidden: true }),
      h('button', { type: 'button', class: 'secondary', id: 'pulse-reload', 'data-i18n': 'reload', onclick: () => load() })));
    window.addEventListener('fanops:locale', draw, { signal: session.signal });
  },

  show() {
    load();
  },
};
