// UI strings, English and Simplified Chinese. Missing keys fall back to English.
const STRINGS = {
  en: {
    tagline: 'Community operations', language: 'Language', signOut: 'Sign out', signInTitle: 'Sign in to the dashboard',
    email: 'Email', password: 'Password', signIn: 'Sign in', welcome: 'Welcome', roles: 'Roles',
    comingSoon: 'Complaints and rewards arrive here as each capability lands.',
    publicSignup: 'Public sign-up form', badLogin: 'Incorrect email or password.', loading: 'Loading…',
    unreachable: 'The service cannot be reached. Try again in a moment.', sessionExpired: 'Your session has ended. Please sign in again.',
    joinTitle: 'Join the community', joinIntro: 'We ask only for what membership needs. Each use of your data has its own consent below.',
    nickname: 'Nickname', contact: 'One way to reach you', phone: 'Mobile phone', region: 'Region', channel: 'How did you find us?',
    ch_web: 'Website', ch_wechat: 'WeChat official account', ch_weibo: 'Weibo', ch_douyin: 'Douyin', ch_store: 'Store', ch_event: 'Event',
    optional: 'Optional: tell us more', birthday: 'Birthday', interests: 'Interests (comma separated)', referral: 'Referral code',
    guardianTitle: 'Parent or guardian', guardianIntro: "Members under the minimum age join with a guardian's consent.",
    guardianName: "Guardian's name", guardianContact: "Guardian's email or mobile", guardianConsent: 'I am the guardian and I consent.',
    consentsTitle: 'Your consents', join: 'Join', welcomeMember: 'Welcome!', memberId: 'Member number',
    keepLink: 'Keep this private link: it lets you see and change your consents.', required: 'required', failed: 'Could not join',
    membersTitle: 'Members', searchPlaceholder: 'Email, phone or member id', search: 'Search', colStatus: 'Status',
    colChannel: 'Channel', colJoined: 'Joined', colName: 'Nickname', colContact: 'Contact', colSource: 'Source', colType: 'Type',
    colDeadline: 'Deadline', requestsTitle: 'Data-subject requests', complete: 'Complete', refuse: 'Refuse',
    refuseReason: 'Why is this request refused?', overdue: 'overdue', noResults: 'No members found.',
    dsr_EXPORT: 'export', dsr_CORRECTION: 'correction', dsr_ERASURE: 'erasure',
    myConsents: 'My consents', save: 'Save', history: 'History', when: 'When', what: 'Purpose', decision: 'Decision',
    version: 'Notice', granted: 'granted', withdrawn: 'withdrawn', saved: 'Saved. It applies at once.',
    purpose_membership: 'Membership terms', purpose_marketing: 'Marketing messages', purpose_personalisation: 'Personalised analysis',
    navHome: 'Home', navMetrics: 'Metrics', navHelp: 'Help', metricsTitle: 'Metrics', definitionsLink: 'Definitions',
    from: 'From', to: 'To', show: 'Show', last30: '30 days', last90: '90 days', last365: '1 year',
    metricsEmptyTitle: 'No metrics computed yet', metricsEmpty: 'Run ./fanops demo or wait for the daily job.',
    metricsUnavailable: 'Metrics are not available from this API.', metricsBadRange: 'Choose a range of at most 400 days, the start before the end.',
    metricsAsOf: 'As of {day} ({zone}), computed {computed}.', definition: 'Definition', target: 'target', gap: 'gap', pp: 'pts',
    kpi_monthlyActiveRate: 'Monthly active rate', kpi_annualRetention: 'Annual retention', kpi_satisfaction: 'Satisfaction',
    kpi_conversion: 'Conversion', kpiStatus_met: 'Target met', kpiStatus_missed: 'Target not met', kpiStatus_nodata: 'No data yet',
    activityTitle: 'Active members (DAU, WAU, MAU)', activeNote: 'Active: at least one counted interaction that day (unfollows and refunds alone do not count).', growthTitle: 'Members and growth', retentionTitle: 'Retention',
    distributionTitle: 'Tiers and categories', conversionTitle: 'Conversion, points and satisfaction', careTitle: 'Dormant members and care',
    reportsTitle: 'Reports', fig_members: 'Members', fig_newMembers: 'New members', fig_exits: 'Exits', fig_netGrowth: 'Net growth',
    fig_monthlyActiveRate: 'Monthly active rate', fig_follows: 'Follows', fig_unfollows: 'Unfollows', fig_annualRetention: 'Annual retention',
    fig_conversion: 'Purchase conversion', fig_purchasers: 'Purchasers (30 days)', fig_pointsIssued: 'Points issued',
    fig_pointsExpired: 'Points expired', fig_newlyDormant: 'Newly dormant', fig_dormant: 'Dormant', fig_careSent: 'Care sent',
    fig_winBack: 'Win-back rate', noDataYet: 'no data yet', headline: 'Headline retention on the day', classic: 'Classic',
    onOrAfter: 'On or after', cohortsTitle: 'Cohort retention (day cohorts)', heatmapMode: 'Retention kind', cohort: 'Cohort', size: 'Size',
    cohortsUnavailable: 'Cohorts cannot be read.', cohortsEmpty: 'No cohorts in the 30 days before this day.',
    heatmapNote: 'Each cell: % of the cohort retained on day N (classic) or on day N or later (on or after). Hover for counts.',
    funnelNote: 'Current community members at the end of the day. The funnel counts each tier and above.',
    tierFunnel: 'Tier funnel', categories: 'Categories', tier_bronze: 'Bronze', tier_silver: 'Silver', tier_gold: 'Gold',
    tier_diamond: 'Diamond', cat_potential: 'Potential', cat_regular: 'Regular', cat_active: 'Active', cat_core: 'Core',
    report_week: 'Week', report_month: 'Month', report_quarter: 'Quarter', reportPeriod: 'Period', reportStart: 'starting',
    downloadCsv: 'Download CSV', viewJson: 'View JSON', reportFailed: 'The report could not be produced',
    helpTitle: 'Metric definitions', helpFigure: 'Figure', helpDefinition: 'Definition',
  },
  'zh-CN': {
    tagline: '社群运营', language: '语言', signOut: '退出登录', signInTitle: '登录管理后台',
    email: '邮箱', password: '密码', signIn: '登录', welcome: '欢迎', roles: '角色',
    comingSoon: '投诉与奖励功能将陆续在此上线。',
    publicSignup: '公开注册表单', badLogin: '邮箱或密码错误。', loading: '加载中…',
    unreachable: '暂时无法连接服务，请稍后再试。', sessionExpired: '登录已过期，请重新登录。',
    joinTitle: '加入社群', joinIntro: '我们只收集会员服务所需的信息；每项用途都需要您单独同意。',
    nickname: '昵称', contact: '联系方式（任选一项）', phone: '手机号', region: '地区', channel: '您从哪里了解到我们？',
    ch_web: '官网', ch_wechat: '微信公众号', ch_weibo: '微博', ch_douyin: '抖音', ch_store: '门店', ch_event: '活动',
    optional: '选填：更多信息', birthday: '生日', interests: '兴趣（用逗号分隔）', referral: '推荐码',
    guardianTitle: '监护人', guardianIntro: '未满规定年龄的会员需经监护人同意方可加入。',
    guardianName: '监护人姓名', guardianContact: '监护人邮箱或手机号', guardianConsent: '我是监护人，我同意。',
    consentsTitle: '您的授权', join: '加入', welcomeMember: '欢迎加入！', memberId: '会员编号',
    keepLink: '请妥善保存此专属链接：可用于查看和更改您的授权。', required: '必选', failed: '无法加入',
    membersTitle: '会员', searchPlaceholder: '邮箱、手机号或会员编号', search: '搜索', colStatus: '状态',
    colChannel: '渠道', colJoined: '加入时间', colName: '昵称', colContact: '联系方式', colSource: '来源', colType: '类型',
    colDeadline: '截止时间', requestsTitle: '个人信息权利请求', complete: '完成', refuse: '拒绝',
    refuseReason: '拒绝该请求的理由？', overdue: '已逾期', noResults: '未找到会员。',
    dsr_EXPORT: '导出', dsr_CORRECTION: '更正', dsr_ERASURE: '删除',
    myConsents: '我的授权', save: '保存', history: '历史记录', when: '时间', what: '用途', decision: '决定',
    version: '告知版本', granted: '同意', withdrawn: '撤回', saved: '已保存，立即生效。',
    purpose_membership: '会员条款', purpose_marketing: '营销信息', purpose_personalisation: '个性化分析',
    navHome: '首页', navMetrics: '指标', navHelp: '帮助', metricsTitle: '运营指标', definitionsLink: '指标定义',
    from: '从', to: '至', show: '查看', last30: '近 30 天', last90: '近 90 天', last365: '近一年',
    metricsEmptyTitle: '尚未计算任何指标', metricsEmpty: '请运行 ./fanops demo，或等待每日任务运行。',
    metricsUnavailable: '此 API 暂不提供指标。', metricsBadRange: '请选择不超过 400 天的范围，且开始日期早于结束日期。',
    metricsAsOf: '截至 {day}（{zone}），计算于 {computed}。', definition: '定义', target: '目标', gap: '差距', pp: '个百分点',
    kpi_monthlyActiveRate: '月活跃率', kpi_annualRetention: '年度留存率', kpi_satisfaction: '满意度',
    kpi_conversion: '转化率', kpiStatus_met: '已达标', kpiStatus_missed: '未达标', kpiStatus_nodata: '暂无数据',
    activityTitle: '活跃会员（DAU、WAU、MAU）', activeNote: '活跃：当天至少有一次已计入的互动（仅取消关注或退款不算）。', growthTitle: '会员与增长', retentionTitle: '留存',
    distributionTitle: '等级与分类', conversionTitle: '转化、积分与满意度', careTitle: '沉睡会员与关怀',
    reportsTitle: '报表', fig_members: '会员数', fig_newMembers: '新增会员', fig_exits: '退出', fig_netGrowth: '净增长',
    fig_monthlyActiveRate: '月活跃率', fig_follows: '关注', fig_unfollows: '取消关注', fig_annualRetention: '年度留存率',
    fig_conversion: '购买转化率', fig_purchasers: '购买会员（30 天）', fig_pointsIssued: '积分发放',
    fig_pointsExpired: '积分过期', fig_newlyDormant: '新增沉睡', fig_dormant: '沉睡会员', fig_careSent: '关怀已发送',
    fig_winBack: '唤回率', noDataYet: '暂无数据', headline: '当日核心留存', classic: '经典',
    onOrAfter: '当日或之后', cohortsTitle: '同期群留存（按入会日）', heatmapMode: '留存口径', cohort: '同期群', size: '人数',
    cohortsUnavailable: '无法读取同期群数据。', cohortsEmpty: '此日前 30 天内没有同期群。',
    heatmapNote: '每格：同期群在第 N 日（经典）或第 N 日及之后（当日或之后）留存的百分比。悬停查看人数。',
    funnelNote: '当日结束时的现有社群会员。漏斗统计各等级及以上的人数。',
    tierFunnel: '等级漏斗', categories: '分类', tier_bronze: '青铜', tier_silver: '白银', tier_gold: '黄金',
    tier_diamond: '钻石', cat_potential: '潜在', cat_regular: '普通', cat_active: '活跃', cat_core: '核心',
    report_week: '周报', report_month: '月报', report_quarter: '季报', reportPeriod: '周期', reportStart: '起始日',
    downloadCsv: '下载 CSV', viewJson: '查看 JSON', reportFailed: '无法生成报表',
    helpTitle: '指标定义', helpFigure: '指标', helpDefinition: '定义',
  },
};

export function currentLocale() {
  const saved = localStorage.getItem('fanops.locale');
  if (saved && STRINGS[saved]) return saved;
  return navigator.language && navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function t(key, locale = currentLocale()) {
  return (STRINGS[locale] && STRINGS[locale][key]) || STRINGS.en[key] || key;
}

export function applyTranslations(root = document, locale = currentLocale()) {
  document.documentElement.lang = locale;
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n, locale); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder, locale); });
}

export function setLocale(locale) {
  localStorage.setItem('fanops.locale', locale);
  applyTranslations(document, locale);
  // Pages that draw their own content (metrics) redraw it in the new language.
  window.dispatchEvent(new CustomEvent('fanops:locale', { detail: locale }));
}
