import { ref, watch } from 'vue';
import type { components } from '../api/schema';

export type Me = components['schemas']['Me'];
export type Role = Me['role'];

/** sessionStorage: the token lives as long as this tab, never shared with other tabs nor kept after closing. */
const tokenKey = 'jixiao.token';

const meKey = 'jixiao.me';

const token = ref<string | null>(sessionStorage.getItem(tokenKey));
/** Who the token belongs to, kept beside it so a reload need not ask /api/v1/me before the first page (the api still checks every call). */
const me = ref<Me | null>(token.value ? (JSON.parse(sessionStorage.getItem(meKey) ?? 'null') as Me | null) : null);
watch(me, (who) => (who ? sessionStorage.setItem(meKey, JSON.stringify(who)) : sessionStorage.removeItem(meKey)));

export const session = {
  token,
  me,
  signIn(value: string, who: Me) {
    sessionStorage.setItem(tokenKey, value);
    token.value = value;
    me.value = who;
  },
  signOut() {
    sessionStorage.removeItem(tokenKey);
    token.value = null;
    me.value = null;
  },
};
