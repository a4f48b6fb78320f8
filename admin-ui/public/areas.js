// The dashboard's areas, in the order of the navigation. The first is home: opened by '#' and by any hash the caller
// may not open. Each area is a module whose default export says:
//   id         its hash route (#<id>/<params...>) and its view's id (view-<id>)
//   nav        the text key of its tab
//   opensWith  the area keys of GET /v1/admin/me that open it (any one of them), or 'any' for every operator;
//              the API enforces the same on every call, this only decides what is offered
//   render(container, session)  builds its markup into its (empty) view: once per sign-in, when first opened
//   show(params, session)       optional: each time it is opened; params are the hash's parts after the id
// session: { username, roles, areas, status(text), signal }; signal is aborted at sign-out (for listeners on window).
// Adding an area: its own folder under areas/, its texts in i18n/, and one line here.
import overview from './areas/overview/index.js';
import members from './areas/members/index.js';
import messages from './areas/messages/index.js';
import rewards from './areas/rewards/index.js';
import metrics from './areas/metrics/index.js';
import help from './areas/metrics/help.js';
import settings from './areas/settings/index.js';
import complaints from './areas/complaints/index.js';
import pulse from './areas/pulse/index.js';
import audit from './areas/audit/index.js';
import review from './areas/review/index.js';
import activities from './areas/activities/index.js';

export const AREAS = [overview, members, complaints, pulse, messages, rewards, activities, metrics, review, help, settings, audit];
