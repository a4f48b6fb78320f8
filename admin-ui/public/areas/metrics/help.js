// Help area: every metric definition (definitions.js, the same as docs/metrics.md) in the reader's language, the other
// language's name beside it; #help/<id> opens it on one definition (each "?" on the metrics page links there).
import { h, thead } from '../../dom.js';
import { currentLocale } from '../../i18n.js';
import { DEFINITIONS, PREAMBLE } from './definitions.js';

const $ = (id) => document.getElementById(id);

function fill(focus) {
  const zh = currentLocale() === 'zh-CN';
  $('help-preamble').textContent = zh ? PREAMBLE.zh : PREAMBLE.en;
  $('help-definitions').tBodies[0].replaceChildren(...DEFINITIONS.map((d) => {
    const [name, text] = zh ? d.zh : d.en;
    return h('tr', { id: `def-${d.id}`, class: d.id === focus ? 'focus' : '' },
      h('th', {}, name, h('br'), h('span', { class: 'muted small' }, zh ? d.en[0] : d.zh[0])), h('td', {}, text));
  }));
  if (focus) $(`def-${focus}`)?.scrollIntoView({ block: 'center' });
}

export default {
  id: 'help',
  nav: 'navHelp',
  opensWith: ['metrics'],

  render(container, session) {
    container.append(h('section', { id: 'help', class: 'card' },
      h('h2', { 'data-i18n': 'helpTitle' }),
      h('p', { id: 'help-preamble', class: 'muted' }),
      h('table', { id: 'help-definitions' }, thead('helpFigure', 'helpDefinition'), h('tbody'))));
    window.addEventListener('fanops:locale', () => fill(), { signal: session.signal });
  },

  show([focus]) {
    fill(focus);
  },
};
