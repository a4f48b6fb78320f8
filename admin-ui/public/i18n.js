// UI strings, English and Simplified Chinese. Missing keys fall back to English.
const STRINGS = {
  en: {
    tagline: 'Community operations', language: 'Language', signOut: 'Sign out', signInTitle: 'Sign in to the dashboard',
    email: 'Email', password: 'Password', signIn: 'Sign in', welcome: 'Welcome', roles: 'Roles',
    comingSoon: 'Members, metrics, complaints and rewards arrive here as each capability lands.',
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
  },
  'zh-CN': {
    tagline: '社群运营', language: '语言', signOut: '退出登录', signInTitle: '登录管理后台',
    email: '邮箱', password: '密码', signIn: '登录', welcome: '欢迎', roles: '角色',
    comingSoon: '会员、指标、投诉与奖励功能将陆续在此上线。',
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
}
