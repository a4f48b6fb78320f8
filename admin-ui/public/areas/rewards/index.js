// Rewards area (docs/rewards.md): the catalogue and the rules (versioned), budgets with their burn-down, coupon code pools
// with their stock, the archive with its totals and CSV export, and the grants awaiting approval. Admins and managers
// edit everything; only admins approve grants and change the approval threshold; analysts read the catalogue, rules,
// budgets, pools and the archive without personal data. The API decides on every call; the roles here only decide what
// is offered. #rewards/<issuanceId> opens one issuance of the archive.
import { approvalsCard, loadApprovals, redrawApprovals } from './approvals.js';
import { archiveCard, issuanceParam, loadArchive, openIssuance, redrawArchive } from './archive.js';
import { budgetsCard, loadBudgets, redrawBudgets } from './budgets.js';
import { catalogueCard, redrawCatalogue, showCatalogue } from './catalogue.js';
import { loadPools, poolsCard, redrawPools } from './pools.js';
import { catalogueChanged, redrawRules, rulesCard, showRules } from './rules.js';

let can = null;
let loaded = false;

export default {
  id: 'rewards',
  nav: 'navRewards',
  opensWith: ['rewards'],

  render(container, session) {
    const has = (...roles) => roles.some((role) => session.roles.includes(role));
    can = { edit: has('admin', 'manager'), admin: has('admin') };
    loaded = false;
    container.append(catalogueCard(can.edit, catalogueChanged), rulesCard(can.edit, can.admin), budgetsCard(can.edit), poolsCard(can.edit),
      archiveCard(can.edit));
    if (can.edit) container.append(approvalsCard(can.admin));
    // Lists and figures are drawn from data: drawn again in the new language.
    window.addEventListener('fanops:locale', () => {
      redrawCatalogue();
      redrawRules();
      redrawBudgets();
      redrawPools();
      redrawArchive();
      if (can.edit) redrawApprovals();
    }, { signal: session.signal });
  },

  /** Everything is read when first opened (approvals each time); #rewards/<issuanceId> opens that issuance. */
  show(params) {
    if (!loaded) {
      loaded = true;
      showCatalogue();
      showRules();
      loadBudgets();
      loadPools();
      loadArchive();
    }
    if (can.edit) loadApprovals();
    const issuance = issuanceParam(params[0]);
    if (issuance) openIssuance(issuance);
  },
};
