// The business day's time zone: the stack's BusinessTimeZone, which config.json gives as `businessTimeZone`. Every day,
// month and week the dashboard and the member pages show or ask for (today's figures, the week under review, the
// activities calendar, the day a check-in code is offered) is a day in this zone, as the functions count them - not in
// the browser's own zone. Until config.json is read, and for a zone this browser does not know, the template's default.
export const DEFAULT_ZONE = 'Asia/Shanghai';
let zone = DEFAULT_ZONE;

export function businessZone() {
  return zone;
}

/** Takes the zone config.json names (loadSettings calls it); an empty or unknown one leaves the zone as it was. */
export function setBusinessZone(candidate) {
  if (!candidate) return;
  try {
    new Intl.DateTimeFormat('en', { timeZone: candidate });
    zone = candidate;
  } catch {
    // not a zone this browser knows: keep the one in force
  }
}
