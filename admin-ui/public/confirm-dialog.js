// A confirmation as an accessible modal <dialog>: what will be done, to whom, what follows from it, and the fields the
// action needs (a reason, evidence, a text). Resolves with the fields' values on confirm, null on cancel or Escape.
// Built with h() and a form of method "dialog", so no inline script or style is needed under the strict CSP.
import { h } from './dom.js';
import { t } from './i18n.js';

let open = null;

/**
 * options: { title, subject (who or what it applies to), consequences (a sentence), fields: [{ name, label (text key),
 * required, multiline, maxlength, hint (text key) }], confirm (text key of the confirming button), danger (boolean) }.
 * `check(values)` may answer an error message to keep the dialog open (e.g. the API's refusal); the dialog shows it.
 */
export function confirmDialog({ title, subject, consequences, fields = [], confirm = 'confirm', danger = false }, check) {
  open?.close();
  return new Promise((resolve) => {
    const titleId = 'confirm-dialog-title';
    const inputs = fields.map((f) => {
      const attrs = { name: f.name, id: `confirm-${f.name}`, required: !!f.required, maxlength: f.maxlength ? String(f.maxlength) : null,
        'aria-describedby': `confirm-${f.name}-error` };
      return { f, input: f.multiline ? h('textarea', { ...attrs, rows: 3 }) : h('input', attrs) };
    });
    const error = h('p', { class: 'error', role: 'alert', id: 'confirm-dialog-error' });
    const submit = h('button', { type: 'submit', value: 'confirm', class: danger ? 'danger' : null, 'data-i18n': confirm });
    const form = h('form', { method: 'dialog', novalidate: true },
      h('h3', { id: titleId }, title),
      subject ? h('p', { class: 'dialog-subject' }, subject) : null,
      consequences ? h('p', { class: 'dialog-consequences' }, consequences) : null,
      inputs.map(({ f, input }) => h('label', { class: 'dialog-field', for: input.id },
        h('span', {}, t(f.label), f.required ? ` (${t('required')})` : ''), input,
        f.hint ? h('span', { class: 'muted small' }, t(f.hint)) : null,
        h('span', { class: 'error small', id: `confirm-${f.name}-error`, role: 'alert', hidden: true }))),
      error,
      h('div', { class: 'row' },
        submit,
        h('button', { type: 'button', class: 'secondary', 'data-i18n': 'cancel', onclick: () => dialog.close('cancel') })));
    const dialog = h('dialog', { class: 'confirm-dialog', 'aria-labelledby': titleId, 'aria-modal': 'true' }, form);
    open = dialog;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const values = {};
      let missing = false;
      for (const { f, input } of inputs) {
        values[f.name] = input.value.trim();
        const slot = document.getElementById(`confirm-${f.name}-error`);
        slot.hidden = !(f.required && !values[f.name]);
        slot.textContent = slot.hidden ? '' : t('fieldRequired');
        if (slot.hidden) input.removeAttribute('aria-invalid'); else input.setAttribute('aria-invalid', 'true');
        missing ||= !slot.hidden;
      }
      if (missing) return;
      submit.disabled = true;
      const refusal = check ? await check(values) : null;
      submit.disabled = false;
      if (refusal) {
        error.textContent = refusal;
        return;
      }
      dialog.close('confirm');
      resolve(values);
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (open === dialog) open = null;
      resolve(null);
    });
    document.body.append(dialog);
    dialog.showModal();
    (inputs[0]?.input || submit).focus();
  });
}
