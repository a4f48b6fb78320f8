// A member's check-in code as staff type or scan it: `<registration number>-<6 digits>` (CheckInCodes in
// functions/activities). Pure: tests/activities.test.mjs. Typing is forgiving - spaces, a full-width or other dash, or
// no dash at all (the last six digits are the code) - and anything else is refused before a call.

const CODE = /^([1-9][0-9]{0,6})-([0-9]{6})$/;

/** { code } in the API's form, or { error: 'empty' | 'format' }. */
export function parseCode(text) {
  const value = String(text ?? '')
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xFF10 + 48)) // full-width digits
    .replace(/[\s]/g, '')
    .replace(/[\u2010-\u2015\u2212\uFF0D_]/g, '-');
  if (!value) return { error: 'empty' };
  const dashed = /^\d{7,13}$/.test(value) ? `${value.slice(0, -6)}-${value.slice(-6)}` : value;
  const m = CODE.exec(dashed);
  return m ? { code: `${m[1]}-${m[2]}` } : { error: 'format' };
}

/** The outcome of a check-in answer, as the page shows it: one of checked_in, already, expired, foreign, no_seat, malformed, error. */
export function outcomeOf(status, body = {}) {
  if (status === 200 || status === 201) return body.first === false ? 'already' : 'checked_in';
  const type = String(body.type || '');
  if (status === 422 && type.endsWith('code-expired')) return 'expired';
  if (status === 422 && type.endsWith('code-foreign')) return 'foreign';
  if (status === 400) return 'malformed';
  if (status === 409) return 'no_seat';
  return 'error';
}
