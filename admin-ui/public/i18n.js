// UI texts: one dictionary per locale (i18n/en.js, i18n/zh-CN.js; tests/i18n.test.mjs keeps their keys equal).
// Missing keys fall back to English, then to the key itself.
import en from './i18n/en.js';
import zhCN from './i18n/zh-CN.js';

export const DICTIONARIES = { en, 'zh-CN': zhCN };

export function currentLocale() {
  const saved = localStorage.getItem('fanops.locale');
  if (saved && DICTIONARIES[saved]) return saved;
  return navigator.language && navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function t(key, locale = currentLocale()) {
  return (DICTIONARIES[locale] && DICTIONARIES[locale][key]) || en[key] || key;
}

/** Re-reads every element marked with data-i18n (text), data-i18n-placeholder or data-i18n-label (its accessible name). */
export function applyTranslations(root = document, locale = currentLocale()) {
  document.documentElement.lang = locale;
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n, locale); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder, locale); });
  root.querySelectorAll('[data-i18n-label]').forEach((el) => el.setAttribute('aria-label', t(el.dataset.i18nLabel, locale)));
}

export function setLocale(locale) {
  localStorage.setItem('fanops.locale', locale);
  applyTranslations(document, locale);
  // Areas that draw their own content (metrics, help) redraw it in the new language.
  window.dispatchEvent(new CustomEvent('fanops:locale', { detail: locale }));
}
