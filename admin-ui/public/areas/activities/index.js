// Activities area (docs/activities.md): the month's calendar and the list, the year's plan, one activity with its counts,
// status moves and registrations, the definition's editor (admins and managers), the staff check-in page (admins,
// managers, agents) and the evaluation report (admins, managers, analysts). The API decides on every call; the roles
// here only decide what is offered. Routes: #activities, #activities/new, #activities/<id>, #activities/<id>/check-in,
// #activities/<id>/report.
import { browseCards, loadMonth, redrawBrowse } from './browse.js';
import { checkInPage, openCheckIn, stopScan } from './checkin.js';
import { detailCard, openDetail, redrawDetail } from './detail.js';
import { editorPanel, openEditor } from './editor.js';
import { call, path } from './format.js';
import { openReport, redrawReport, reportPage } from './report.js';

const $ = (id) => document.getElementById(id);
const ACTIVITY_ID = /^[A-Za-z0-9_-]{1,64}$/;
let loaded = false;

/** Shows one part of the area: 'browse' (calendar, list, plan), 'detail' (one activity), 'checkin' or 'report'; the editor with the first two. */
function showPart(part) {
  for (const id of ['act-browse', 'act-plan-card']) $(id).classList.toggle('act-away', part !== 'browse');
  $('act-detail').classList.toggle('act-away', part !== 'detail');
  $('act-editor')?.classList.toggle('act-away', part !== 'browse' && part !== 'detail');
  $('act-checkin').hidden = part !== 'checkin';
  $('act-report').hidden = part !== 'report';
  if (part !== 'checkin') stopScan();
}

export default {
  id: 'activities',
  nav: 'navActivities',
  opensWith: ['activities'],

  render(container, session) {
    const edits = session.roles.some((role) => role === 'admin' || role === 'manager');
    const saved = (activity) => {
      loadMonth();
      if (location.hash === `#activities/${activity.activityId}`) openDetail(activity.activityId);
      else location.hash = `#activities/${encodeURIComponent(activity.activityId)}`;
    };
    // A version saved meanwhile: the activity and the form again from the one in force.
    const reload = async (activity) => {
      await openDetail(activity.activityId);
      await openEditor(await call(path(activity.activityId)));
    };
    container.append(...browseCards(edits ? () => openEditor(null) : null),
      detailCard(session.roles, openEditor, () => loadMonth()),
      edits ? editorPanel(saved, reload) : '',
      checkInPage(),
      reportPage());
    loaded = false;
    window.addEventListener('fanops:locale', () => {
      redrawBrowse();
      redrawDetail();
      redrawReport();
    }, { signal: session.signal });
    // Leaving the area for another stops the camera.
    window.addEventListener('hashchange', () => { if (!location.hash.startsWith('#activities')) stopScan(); }, { signal: session.signal });
  },

  show(params) {
    const [id, sub] = params;
    if (id && ACTIVITY_ID.test(id) && id !== 'new' && sub === 'check-in') {
      showPart('checkin');
      openCheckIn(id);
      return;
    }
    if (id && ACTIVITY_ID.test(id) && id !== 'new' && sub === 'report') {
      showPart('report');
      openReport(id);
      return;
    }
    const one = id && id !== 'new' && ACTIVITY_ID.test(id);
    showPart(one ? 'detail' : 'browse');
    if (!loaded) {
      loaded = true;
      loadMonth();
    }
    if (id === 'new' && $('act-editor')) openEditor(null);
    else if (one) openDetail(id);
  },
};
