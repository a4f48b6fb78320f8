import { api, signIn, signOut, token } from './auth.js';
import { applyTranslations, currentLocale, setLocale, t } from './i18n.js';
import { closeMembersArea, openMembersArea } from './members.js';

const $ = (id) => document.getElementById(id);

function show(section) {
  $('login').hidden = section !== 'login';
  $('home').hidden = section !== 'home';
  $('signout').hidden = section !== 'home';
}

async function renderHome() {
  $('status').textContent = t('loading');
  try {
    const response = await api('/v1/admin/me');
    if (!response.ok) throw new Error(String(response.status));
    const me = await response.json();
    $('who').textContent = me.username;
    $('roles').textContent = (me.roles || []).join(', ');
    $('status').textContent = '';
    show('home');
    openMembersArea(me.areas || [], me.roles || []);
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

$('signout').addEventListener('click', () => { signOut(); closeMembersArea(); show('login'); });
$('locale').value = currentLocale();
$('locale').addEventListener('change', (event) => setLocale(event.target.value));

applyTranslations();
if (token()) renderHome(); else show('login');
