import { createI18n } from 'vue-i18n';
import en from './en';
import zhCN from './zh-CN';

export type Locale = 'zh-CN' | 'en';

/** zh-CN by default, English beside it; the choice is kept for the tab, like the token. */
const saved = sessionStorage.getItem('jixiao.locale');

export const i18n = createI18n({
  legacy: false,
  locale: saved === 'en' ? 'en' : 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  sessionStorage.setItem('jixiao.locale', locale);
  document.documentElement.lang = locale;
}
