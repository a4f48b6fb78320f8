// Today, the home of every signed-in operator (issue 15, item 1): the work lists the caller can act on - each a count,
// the first few items (ids, days, states; never a name or a contact) and a link into the area that handles it - the
// four KPI cards against their targets, and the members active so far today, asked again every minute.
// Which lists a caller gets follows their roles, as the APIs they call allow them (docs/metrics.md, "Today"):
//   admin, manager  sign-ups awaiting admission, data-subject requests, complaints at SLA risk, announced downgrades,
//                   points expiring, dormant members with consent not cared for, budgets near exhaustion, code pools low
//   agent           complaints at SLA risk and the complaints assigned to them
//   analyst         no work list: the KPI cards and today's activity
import { api } from '../../auth.js';
import { h, newest, when } from '../../dom.js';
import { t } from '../../i18n.js';
import { timerState } from '../complaints/format.js';
import { businessToday } from '../metrics/index.js';
import { kpiCards, num } from '../metrics/kpis.js';
import { money } from '../rewards/format.js';

const $ = (id) => document.getElementById(id);
const FIRST = 3;
const QUEUE = 200;
const REFRESH_MS = 60_000;
/** A running budget with less than this share of its amount left is near exhaustion. */
const BUDGET_LOW = 0.1;

let last = null;
// Home is read again each time it is opened (and the lists in a new language, today's activity every minute): an answer
// is drawn only while no later read of the same part has started.
const workReads = newest();
const kpiReads = newest();
const activeReads = newest();

function deciding(session) {
  return session.roles.includes('admin') || session.roles.includes('manager');
}

async function read(path) {
  const response = await api(path);
  if (!response.ok) {
    // Read to its end even so: a fetch whose body is never read never finishes in the browser (its connection held).
    await response.text().catch(() => '');
    throw new Error(String(response.status));
  }
  return response.json();
}

function addDays(day, n) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * One work list: { key, count, more (the count is a lower bound), items: [nodes], links: [{ href, key, text }] }.
 * Each source reads one capability's API and gives its lists; a source the caller may not read is not asked.
 * Activities this week (issue 17) join here as one more source once that capability has an API.
 */
const SOURCES = [
  { when: deciding, lists: memberLists },
  { when: (s) => s.areas.includes('complaints'), lists: complaintLists },
  { when: deciding, lists: engagementLists },
  { when: (s) => deciding(s) && s.areas.includes('rewards'), lists: rewardLists },
];

async function memberLists() {
  const [counts, pending, requests] = await Promise.all([read('/v1/admin/today/members'),
    read(`/v1/admin/members?status=pending&limit=${FIRST}`), read('/v1/admin/requests')]);
  return [
    { key: 'signups', count: counts.pendingSignups,
      items: (pending.members || []).slice(0, FIRST).map((m) => h('li', {}, h('a', { href: `#members/${m.memberId}` }, m.memberId),
        ` · ${t(`ch_${m.channel}`)} · ${when(m.joinedAt)}`)),
      links: [{ href: '#members/status/pending', key: 'todayOpenSignups' }] },
    { key: 'requests', count: counts.requests.open, note: counts.requests.overdue
      ? t('todayOverdue').replace('{n}', num(counts.requests.overdue)) : null,
      items: (requests.requests || []).slice(0, FIRST).map((r) => h('li', { class: r.overdue ? 'error' : null },
        `${t(`dsr_${r.type}`)} · ${t('colDeadline')} ${when(r.deadline)}${r.overdue ? ` · ${t('overdue')}` : ''}`)),
      links: [{ href: '#members', key: 'todayOpenRequests' }] },
  ];
}

async function complaintLists(session) {
  const now = Date.now();
  const queue = await read(`/v1/admin/complaints?limit=${QUEUE}`);
  const lines = queue.items || [];
  const atRisk = lines.map((line) => ({ line, state: timerState(line, now) })).filter((x) => x.state === 'warning' || x.state === 'breached');
  const count = (state) => atRisk.filter((x) => x.state === state).length;
  const lists = [{ key: 'complaints', count: atRisk.length, more: Boolean(queue.next),
    note: t('todaySlaSplit').replace('{breached}', num(count('breached'))).replace('{warning}', num(count('warning'))),
    items: atRisk.slice(0, FIRST).map(({ line, state }) => h('li', {}, h('a', { href: `#complaints/${line.ticketId}` }, line.ticketNumber),
      ` · ${t(`cat_${line.category}`)} · `, h('span', { class: `sla-timer sla-${state}` }, t(`cqSla_${state}`)))),
    links: [{ href: '#complaints/sla/breached', key: 'todayOpenBreached' }, { href: '#complaints/sla/warning', key: 'todayOpenWarning' }] }];
  if (session.roles.includes('agent')) {
    const mine = await read(`/v1/admin/complaints?limit=${QUEUE}&assignee=${encodeURIComponent(session.username)}`);
    lists.push({ key: 'mine', count: (mine.items || []).length, more: Boolean(mine.next),
      items: (mine.items || []).slice(0, FIRST).map((line) => h('li', {}, h('a', { href: `#complaints/${line.ticketId}` }, line.ticketNumber),
        ` · ${t(`cat_${line.category}`)} · ${t(`cqSla_${timerState(line, now)}`)}`)),
      links: [{ href: `#complaints/assignee/${encodeURIComponent(session.username)}`, key: 'todayOpenMine' }] });
  }
  return lists;
}

async function engagementLists() {
  const work = await read('/v1/admin/today/engagement');
  const d = work.dormant;
  return [
    { key: 'downgrades', count: work.downgrades.count,
      items: work.downgrades.first.slice(0, FIRST).map((x) => h('li', {}, h('a', { href: `#members/${x.memberId}` }, x.memberId),
        ` · ${t('todayDowngradeOn').replace('{day}', x.downgradeOn)}`)),
      links: [] },
    { key: 'expiring', count: work.expiringPoints.lots,
      note: t('todayExpiringRange').replace('{from}', work.expiringPoints.from).replace('{to}', work.expiringPoints.to),
      items: [], links: [] },
    { key: 'dormant', count: d.withConsent, more: d.checked < d.notCared,
      note: t('todayDormantOf').replace('{day}', d.day).replace('{episodes}', num(d.episodes)).replace('{cared}', num(d.cared)),
      items: d.first.slice(0, FIRST).map((id) => h('li', {}, h('a', { href: `#members/${id}` }, id))),
      links: [{ href: '#metrics', key: 'todayOpenCare' }] },
  ];
}

async function rewardLists() {
  const [budgets, pools] = await Promise.all([read('/v1/admin/rewards/budgets'), read('/v1/admin/rewards/pools')]);
  const today = businessToday();
  const low = (budgets.budgets || []).filter((b) => b.from <= today && today <= b.until && b.amount > 0 && b.available < b.amount * BUDGET_LOW);
  const dry = (pools.pools || []).filter((p) => p.available < p.threshold);
  return [
    { key: 'budgets', count: low.length,
      items: low.slice(0, FIRST).map((b) => h('li', {}, `${b.budgetId} · ${t('todayBudgetLeft').replace('{left}', money(b.available))
        .replace('{amount}', money(b.amount))}`)),
      links: [{ href: '#rewards', key: 'todayOpenRewards' }] },
    { key: 'pools', count: dry.length,
      items: dry.slice(0, FIRST).map((p) => h('li', {}, `${p.poolId} · ${t('todayPoolLeft').replace('{left}', num(p.available))
        .replace('{threshold}', num(p.threshold))}`)),
      links: [{ href: '#rewards', key: 'todayOpenRewards' }] },
  ];
}

function workCard(list) {
  const title = `today-work-${list.key}`;
  return h('section', { class: ['work', list.count > 0 ? 'has-work' : null], 'data-work': list.key, 'aria-labelledby': title },
    h('h3', { id: title }, t(`todayWork_${list.key}`)),
    h('p', { class: 'work-count' }, h('strong', { 'data-count': String(list.count) }, `${num(list.count)}${list.more ? '+' : ''}`),
      list.note ? h('span', { class: 'muted small' }, ` ${list.note}`) : null),
    list.items.length ? h('ul', { class: 'work-items small' }, list.items) : null,
    list.links.length ? h('p', { class: 'work-links' }, list.links.map((l, i) => [i ? ' · ' : '', h('a', { href: l.href }, t(l.key))])) : null);
}

async function loadWork(session) {
  const box = $('today-work');
  const sources = SOURCES.filter((s) => s.when(session));
  if (!sources.length) return;
  const isNewest = workReads();
  const answers = await Promise.allSettled(sources.map((s) => s.lists(session)));
  if (!isNewest()) return;
  const cards = answers.flatMap((a) => (a.status === 'fulfilled' ? a.value : [])).map(workCard);
  const failed = answers.filter((a) => a.status === 'rejected').length;
  box.replaceChildren(...cards);
  $('today-work-failed').hidden = !failed;
}

async function loadKpis() {
  // The newest snapshot: the last whole business day's, or the day before while the daily run has not written it.
  const isNewest = kpiReads();
  const yesterday = addDays(businessToday(), -1);
  for (const day of [yesterday, addDays(yesterday, -1)]) {
    const response = await api(`/v1/admin/metrics/daily/${day}`);
    if (response.ok) {
      const snapshot = await response.json();
      if (!isNewest()) return;
      last = snapshot;
      drawKpis();
      return;
    }
    await response.text().catch(() => ''); // a day without its snapshot (404), read to its end: else its request stays open
  }
  if (!isNewest()) return;
  $('today-kpis-asof').textContent = t('todayNoSnapshot');
}

function drawKpis() {
  if (!last) return;
  $('today-kpis-asof').textContent = t('todayKpisAsOf').replace('{day}', last.day);
  $('today-kpi-box').replaceChildren(kpiCards(last, 'today-kpi-cards'));
}

async function loadActive() {
  const isNewest = activeReads();
  const response = await api('/v1/admin/metrics/today');
  if (!response.ok) {
    await response.text().catch(() => ''); // read to its end: a body never read keeps its request open
    return;
  }
  const body = await response.json();
  if (!isNewest()) return;
  $('today-active-count').textContent = num(body.activeMembers);
  $('today-active-count').dataset.count = String(body.activeMembers);
  $('today-active-note').textContent = t('todayActiveNote').replace('{day}', body.day).replace('{at}', when(body.countedAt));
}

export default {
  id: 'overview',
  nav: 'navHome',
  opensWith: 'any',

  render(container, session) {
    const metrics = session.areas.includes('metrics');
    const work = SOURCES.some((s) => s.when(session));
    container.append(h('section', { id: 'home', class: 'card' },
      h('h1', {}, h('span', { 'data-i18n': 'todayTitle' }), ' · ', h('span', { 'data-i18n': 'welcome' }), ', ', h('span', { id: 'who' }, session.username)),
      h('p', {}, h('span', { 'data-i18n': 'roles' }), ': ', h('span', { id: 'roles' }, session.roles.join(', '))),
      work ? h('section', { id: 'today-lists', class: 'panel', 'aria-labelledby': 'today-lists-title' },
        h('h2', { id: 'today-lists-title', 'data-i18n': 'todayWorkTitle' }),
        h('div', { id: 'today-work', class: 'work-grid' }, h('p', { class: 'muted', 'data-i18n': 'loading' })),
        h('p', { id: 'today-work-failed', class: 'error', 'data-i18n': 'todayWorkFailed', hidden: true })) : null,
      metrics ? h('section', { id: 'today-active', class: 'panel', 'aria-labelledby': 'today-active-title' },
        h('h2', { id: 'today-active-title', 'data-i18n': 'todayActiveTitle' }),
        h('p', {}, h('strong', { id: 'today-active-count', class: 'kpi-value' }, '—')),
        h('p', { id: 'today-active-note', class: 'muted small', role: 'status' })) : null,
      metrics ? h('section', { id: 'today-kpis', class: 'panel', 'aria-labelledby': 'today-kpis-title' },
        h('h2', { id: 'today-kpis-title', 'data-i18n': 'todayKpisTitle' }),
        h('p', { id: 'today-kpis-asof', class: 'muted small' }),
        h('div', { id: 'today-kpi-box' }),
        h('p', {}, h('a', { href: '#metrics', 'data-i18n': 'todayOpenMetrics' }), ' · ',
          h('a', { href: '#review', 'data-i18n': 'todayOpenReview' }))) : null,
      h('ul', { class: 'links no-print' }, h('li', {}, h('a', { href: 'signup.html', 'data-i18n': 'publicSignup' })))));
    if (metrics) {
      // Today's activity again every minute while the page is in view; the timer ends at sign-out.
      const timer = setInterval(() => { if (!container.hidden) loadActive(); }, REFRESH_MS);
      session.signal.addEventListener('abort', () => clearInterval(timer));
    }
    // The cards and lists are drawn texts: drawn again in the new language.
    window.addEventListener('fanops:locale', () => {
      drawKpis();
      if (work && !container.hidden) loadWork(session);
    }, { signal: session.signal });
  },

  /** Each time home is opened: the work lists, the KPI cards and today's activity read again. */
  show(params, session) {
    if (SOURCES.some((s) => s.when(session))) loadWork(session);
    if (session.areas.includes('metrics')) {
      loadKpis();
      loadActive();
    }
  },
};
