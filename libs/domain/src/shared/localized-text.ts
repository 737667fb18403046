/** A short text in both languages the product speaks: every label and error carries both. */
export interface LocalizedText {
  en: string;
  'zh-CN': string;
}

export const text = (en: string, zhCN: string): LocalizedText => ({ en, 'zh-CN': zhCN });
