// The dashboard shell: sign-in, the operator's session (GET /v1/admin/me), and navigation and routing built from the
// area registry (areas.js). An area's view is built when it is first opened and dropped at sign-out.
import { AREAS } from './areas.js';
import { api, signIn, signOut, token } from './auth.js';
import { h } from './dom.js';
import { applyTranslations, currentLocale, setLocale, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
let session = null;
let signedOut = null;

function status(text) {
  $('status').textContent = text;
}

function opens(area, keys) {
  return area.opensWith === 'any' || area.opensWith.some((key) => keys.includes(key));
}

function showLogin() {
  $('login').hidden = false;
  $('signout').hidden = true;
  $('nav').hidden = true;
  $('nav').replaceChildren();
  $('views').replaceChildren();
}

/** Opens the area named by the location hash (#<id>/<params...>); home for none or one the caller may not open. */
function route() {
  if (!session) return;
  const [id, ...params] = location.hash.replace(/^#/, '').split('/');
  const area = session.open.find((a) => a.id === id) || session.open[0];
  for (const a of session.open) $(`view-${a.id}`).hidden = a !== area;
  document.querySelectorAll('#nav a').forEach((a) => {
    a.classList.toggle('on', a.dataset.view === area.id);
    if (a.dataset.view === area.id) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  const view = $(`view-${area.id}`);
  if (!view.dataset.rendered) {
    view.dataset.rendered = 'true';
    area.render(view, session);
  }
  area.show?.(params, session);
}

function start(me) {
  const areas = me.areas || [];
  const open = AREAS.filter((area) => opens(area, areas));
  signedOut = new AbortController();
  session = { username: me.username, roles: me.roles || [], areas, status, signal: signedOut.signal, open };
  $('nav').replaceChildren(...open.map((area, i) => h('a', { href: i === 0 ? '#' : `#${area.id}`, 'data-view': area.id, 'data-i18n': area.nav })));
  $('views').replaceChildren(...open.map((area) => h('div', { id: `view-${area.id}`, class: 'view', hidden: true })));
  $('login').hidden = true;
  $('signout').hidden = false;
  $('nav').hidden = false;
  route();
}

function end() {
  signedOut?.abort();
  session = null;
  showLogin();
}

async function openSession() {
  status(t('loading'));
  try {
    const response = await api('/v1/admin/me');
    if (!response.ok) {
      // Read to its end even so: a fetch whose body is never read never finishes in the browser (its connection held).
      await response.text().catch(() => '');
      throw new Error(String(response.status));
    }
    const me = await response.json();
    status('');
    start(me);
  } catch (error) {
    status(error.code === 'SessionExpired' ? t('sessionExpired') : t('unreachable'));
    end();
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
    await openSession();
  } catch (error) {
    $('login-error').textContent = error.code === 'NotAuthorizedException' ? t('badLogin') : t('unreachable');
    $('login-error').hidden = false;
  } finally {
    button.disabled = false;
  }
});

$('signout').addEventListener('click', () => {
  signOut();
  status('');
  end();
});
$('locale').value = currentLocale();
$('locale').addEventListener('change', (event) => setLocale(event.target.value));
window.addEventListener('hashchange', route);

applyTranslations();
if (token()) openSession(); else showLogin();
