import { api, signIn, signOut, token } from './auth.js';
import { applyTranslations, currentLocale, setLocale, t } from './i18n.js';
import { closeMembersArea, openMembersArea } from './members.js';
import { renderHelp, resetMetrics, showMetrics } from './metrics.js';
import { showSettings } from './settings.js';

const $ = (id) => document.getElementById(id);
let areas = [];

function show(section) {
  $('login').hidden = section !== 'login';
  $('home').hidden = section !== 'home';
  $('signout').hidden = section !== 'home';
  $('nav').hidden = section !== 'home';
  if (section !== 'home') {
    $('metrics').hidden = true;
    $('help').hidden = true;
    $('settings').hidden = true;
    $('view-overview').hidden = false;
  }
}

/**
 * Views by location hash: #metrics and #help (optionally #help/<definition>) for the metrics roles, #settings for
 * admins, else home.
 */
function route() {
  if ($('nav').hidden) return;
  const [view, focus] = location.hash.replace(/^#/, '').split('/');
  const metrics = areas.includes('metrics');
  let current = metrics && (view === 'metrics' || view === 'help') ? view : 'overview';
  if (view === 'settings' && areas.includes('settings')) current = 'settings';
  $('view-overview').hidden = current !== 'overview';
  $('metrics').hidden = current !== 'metrics';
  $('help').hidden = current !== 'help';
  $('settings').hidden = current !== 'settings';
  document.querySelectorAll('#nav a').forEach((a) => a.classList.toggle('on', a.dataset.view === current));
  if (current === 'metrics') showMetrics();
  if (current === 'help') renderHelp(focus);
  if (current === 'settings') showSettings();
}

async function renderHome() {
  $('status').textContent = t('loading');
  try {
    const response = await api('/v1/admin/me');
    if (!response.ok) throw new Error(String(response.status));
    const me = await response.json();
    areas = me.areas || [];
    $('who').textContent = me.username;
    $('roles').textContent = (me.roles || []).join(', ');
    $('status').textContent = '';
    // The metrics area (and its help) is for admins, managers and analysts; the API enforces the same.
    document.querySelectorAll('#nav [data-view=metrics], #nav [data-view=help]').forEach((a) => { a.hidden = !areas.includes('metrics'); });
    document.querySelector('#nav [data-view=settings]').hidden = !areas.includes('settings');
    show('home');
    openMembersArea(areas, me.roles || []);
    route();
  } catch (error) {
    $('status').textContent = error.code === 'SessionExpired' ? t('sessionExpired') : t('unreachable');
    show('login');
  }
}

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = event.submitter || $('login-form').querySelector('button');
  button.disabled = true;
  $('login-error').hidden = true;
  try {
    await signIn($('username').value.trim(), $('password').value);
    $('password').value = '';
    await renderHome();
  } catch (error) {
    $('login-error').textContent = error.code === 'NotAuthorizedException' ? t('badLogin') : t('unreachable');
    $('login-error').hidden = false;
  } finally {
    button.disabled = false;
  }
});

$('signout').addEventListener('click', () => {
  signOut();
  closeMembersArea();
  resetMetrics();
  areas = [];
  show('login');
});
$('locale').value = currentLocale();
$('locale').addEventListener('change', (event) => {
  setLocale(event.target.value);
  if (!$('help').hidden) renderHelp();
});
window.addEventListener('hashchange', route);

applyTranslations();
if (token()) renderHome(); else show('login');
