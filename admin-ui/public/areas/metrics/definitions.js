// Metric definitions shown in the dashboard's help, in English and Simplified Chinese. The source of truth is
// docs/metrics.md ("Definitions"); tests/metrics-help.test.mjs checks that every figure defined there is here.
export const DEFINITIONS = [
  { id: 'active-member-day', figure: 'active member-day',
    en: ['Active member-day', 'An admitted member (not a sign-up still pending review) with at least one counted interaction of non-zero engagement weight on that day (the same as an engagement "active day"). A day with only an unfollow or a refund is not active.'],
    zh: ['活跃会员日', '已入会的会员（不含仍在等待审核的报名者）当天至少有一次已计入、且参与权重不为零的互动（与参与度中的“活跃日”相同）。只有取消关注或退款的一天不算活跃。'] },
  { id: 'dau', figure: 'DAU',
    en: ['DAU', 'Distinct members active on day D.'],
    zh: ['日活跃会员数（DAU）', '在 D 日活跃的不重复会员数。'] },
  { id: 'wau-mau', figure: 'WAU / MAU',
    en: ['WAU / MAU', 'Distinct members active on at least one day of D-6..D (WAU) or D-29..D (MAU).'],
    zh: ['周活跃 / 月活跃（WAU / MAU）', '在 D-6..D（WAU）或 D-29..D（MAU）期间至少活跃一天的不重复会员数。'] },
  { id: 'dau-mau', figure: 'DAU/MAU',
    en: ['DAU/MAU', 'DAU(D) / MAU(D): how many of the month\'s active members come back on a given day (stickiness).'],
    zh: ['DAU/MAU（黏性）', 'DAU(D) / MAU(D)：当月活跃会员中有多少在某一天再次活跃。'] },
  { id: 'members', figure: 'members',
    en: ['Members', 'Members admitted on or before D and not exited on or before D (end of day D).'],
    zh: ['会员数', '在 D 日或之前入会、且在 D 日或之前未退出的会员（以 D 日结束时计）。'] },
  { id: 'monthly-active-rate', figure: 'monthly active rate',
    en: ['Monthly active rate', 'MAU(D) / members(D); the monthly report takes the month\'s last day. Target: at least 60%.'],
    zh: ['月活跃率', 'MAU(D) / 会员数(D)；月报取当月最后一天。目标：不低于 60%。'] },
  { id: 'growth', figure: 'new members / exits / net growth',
    en: ['New members / exits / net growth', 'Members admitted on D / members who left, were removed or erased on D / new minus exits.'],
    zh: ['新增会员 / 退出 / 净增长', 'D 日入会的会员数 / D 日主动退出、被移除或被删除的会员数 / 新增减去退出。'] },
  { id: 'follows', figure: 'follows / unfollows',
    en: ['Follows / unfollows', 'Distinct members with a counted follow / unfollow on D.'],
    zh: ['关注 / 取消关注', 'D 日有已计入的关注 / 取消关注的不重复会员数。'] },
  { id: 'cohort', figure: 'cohort',
    en: ['Cohort', 'Members admitted on the same day (or week, or month).'],
    zh: ['同期群', '在同一天（或同一周、同一月）入会的会员。'] },
  { id: 'classic-retention', figure: 'classic N-day retention',
    en: ['Classic N-day retention', 'Share of cohort c active on day c+N.'],
    zh: ['经典 N 日留存', '同期群 c 中在 c+N 日活跃的比例。'] },
  { id: 'on-or-after-retention', figure: '"on or after" N-day retention',
    en: ['"On or after" N-day retention', 'Share of cohort c active on day c+N or any later day up to D (the day of the figure).'],
    zh: ['“当日或之后” N 日留存', '同期群 c 中在 c+N 日或之后直至 D 日（指标所在日）任意一天活跃的比例。'] },
  { id: 'headline-retention', figure: 'headline D1 / D7 / D30',
    en: ['Headline D1 / D7 / D30', 'Classic: cohort D-N, active on D. On or after: cohort D-30 (the newest cohort with a whole 30-day window), active on some day in c+N..D.'],
    zh: ['核心留存 D1 / D7 / D30', '经典：D-N 日的同期群在 D 日活跃。当日或之后：D-30 日的同期群（最新一个有完整 30 天窗口的同期群）在 c+N..D 之间某天活跃。'] },
  { id: 'annual-retention', figure: 'annual retention',
    en: ['Annual retention', 'Of the members admitted in month M-12, the share active in month M (up to D) and still members on D. Target: at least 50%.'],
    zh: ['年度留存率', 'M-12 月入会的会员中，在 M 月（截至 D 日）活跃且 D 日仍是会员的比例。目标：不低于 50%。'] },
  { id: 'purchase-conversion', figure: 'purchase conversion',
    en: ['Purchase conversion', 'Members active in D-29..D who made a counted purchase in D-29..D, divided by MAU. Target: at least 10%.'],
    zh: ['购买转化率', '在 D-29..D 活跃且在此期间有已计入购买的会员数除以 MAU。目标：不低于 10%。'] },
  { id: 'points', figure: 'points issued / expired',
    en: ['Points issued / expired', 'Points earned by interactions that occurred on D / points of lots that expired on D.'],
    zh: ['积分发放 / 过期', 'D 日发生的互动所获得的积分 / D 日过期的积分批次中的积分。'] },
  { id: 'distribution', figure: 'tier / category distribution',
    en: ['Tier / category distribution', 'Current members by tier (bronze, silver, gold, diamond) and by category (potential, regular, active, core) at the end of D. Recorded by the daily run for the day just ended; a day first computed by a backfill has none.'],
    zh: ['等级 / 分类分布', 'D 日结束时现有会员按等级（青铜、白银、黄金、钻石）和分类（潜在、普通、活跃、核心）的分布。由每日任务在当天结束后记录；首次通过补算得到的日期没有该分布。'] },
  { id: 'dormant', figure: 'dormant',
    en: ['Dormant', 'A member becomes dormant on D when their last active day (or their admission day, if never active) is exactly D-N (N = DORMANT_AFTER_DAYS, default 30); one episode per such day.'],
    zh: ['沉睡会员', '会员最后一个活跃日（从未活跃则为入会日）恰好是 D-N 日时，于 D 日进入沉睡（N = DORMANT_AFTER_DAYS，默认 30）；每次仅记一次。'] },
  { id: 'dormant-count', figure: 'dormant (count)',
    en: ['Dormant (count)', 'Current members whose last activity (active day, or admission if never active) is on or before D-N.'],
    zh: ['沉睡会员数', '最后一次活动（活跃日；从未活跃则为入会日）在 D-N 日或之前的现有会员人数。'] },
  { id: 'care-sent', figure: 'care sent',
    en: ['Care sent', 'Members newly dormant on D, with marketing consent, for whom a care message was queued. Only for recent days: a backfill of older days records their dormancy without sending care.'],
    zh: ['关怀已发送', 'D 日新进入沉睡、且已同意营销信息的会员中，已排队发送关怀消息的人数。仅针对近期日期：对较早日期的补算只记录沉睡，不发送关怀。'] },
  { id: 'win-back', figure: 'win-back rate',
    en: ['Win-back rate', 'Of the members sent care on C = D-30, the share active on some day in C+1..D.'],
    zh: ['唤回率', '在 C = D-30 日收到关怀的会员中，在 C+1..D 之间某天重新活跃的比例。'] },
  { id: 'csat', figure: 'CSAT',
    en: ['CSAT', 'Average satisfaction from 1 to 5 (arrives with complaints; empty until then). Target: at least 4.5.'],
    zh: ['满意度（CSAT）', '1 至 5 分的平均满意度（随投诉功能上线；在此之前为空）。目标：不低于 4.5。'] },
];

// Applies to every figure; shown above the list.
export const PREAMBLE = {
  en: 'All days are business days in the configured time zone (default Asia/Shanghai). All counts are exact and count community members only: staff and test accounts are excluded from every figure. A rate whose denominator is 0 is shown as "—".',
  zh: '所有日期均为业务时区（默认 Asia/Shanghai）的业务日。所有计数均为精确值，且只统计社群会员：员工和测试账号不计入任何指标。分母为 0 的比率显示为“—”。',
};

/** The definition shown for a dashboard figure, in the given locale ('en' or 'zh-CN'). */
export function definition(id, locale) {
  const d = DEFINITIONS.find((x) => x.id === id);
  if (!d) return null;
  const [name, text] = locale === 'zh-CN' ? d.zh : d.en;
  return { name, text };
}
