// Home of every signed-in operator: who they are, their roles, and links to what is public.
import { h } from '../../dom.js';

export default {
  id: 'overview',
  nav: 'navHome',
  opensWith: 'any',

  render(container, session) {
    container.append(h('section', { id: 'home', class: 'card' },
      h('h1', {}, h('span', { 'data-i18n': 'welcome' }), ', ', h('span', { id: 'who' }, session.username)),
      h('p', {}, h('span', { 'data-i18n': 'roles' }), ': ', h('span', { id: 'roles' }, session.roles.join(', '))),
      h('p', { class: 'muted', 'data-i18n': 'comingSoon' }),
      h('ul', { class: 'links' }, h('li', {}, h('a', { href: 'signup.html', 'data-i18n': 'publicSignup' })))));
  },
};
