import { ref } from 'vue';
import type { components } from '../api/schema';

export type Me = components['schemas']['Me'];
export type Role = Me['role'];

/** sessionStorage: the token lives as long as this tab, never shared with other tabs nor kept after closing. */
const tokenKey = 'jixiao.token';

const token = ref<string | null>(sessionStorage.getItem(tokenKey));
const me = ref<Me | null>(null);

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
