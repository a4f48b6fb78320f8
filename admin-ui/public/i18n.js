// UI strings, English and Simplified Chinese. Missing keys fall back to English.
const STRINGS = {
  en: {
    tagline: 'Community operations', language: 'Language', signOut: 'Sign out', signInTitle: 'Sign in to the dashboard',
    email: 'Email', password: 'Password', signIn: 'Sign in', welcome: 'Welcome', roles: 'Roles',
    comingSoon: 'Members, metrics, complaints and rewards arrive here as each capability lands.',
    publicSignup: 'Public sign-up form', badLogin: 'Incorrect email or password.', loading: 'Loading…',
    unreachable: 'The service cannot be reached. Try again in a moment.', sessionExpired: 'Your session has ended. Please sign in again.',
  },
  'zh-CN': {
    tagline: '社群运营', language: '语言', signOut: '退出登录', signInTitle: '登录管理后台',
    email: '邮箱', password: '密码', signIn: '登录', welcome: '欢迎', roles: '角色',
    comingSoon: '会员、指标、投诉与奖励功能将陆续在此上线。',
    publicSignup: '公开注册表单', badLogin: '邮箱或密码错误。', loading: '加载中…',
    unreachable: '暂时无法连接服务，请稍后再试。', sessionExpired: '登录已过期，请重新登录。',
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
}

export function setLocale(locale) {
  localStorage.setItem('fanops.locale', locale);
  applyTranslations(document, locale);
}
