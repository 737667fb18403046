import { ref, watch } from 'vue';
import type { MoneyUnit } from './format';

/** 元 or 万元 for every amount on every page; kept for the tab. */
export const moneyUnit = ref<MoneyUnit>(sessionStorage.getItem('jixiao.unit') === 'yuan' ? 'yuan' : 'wanyuan');
watch(moneyUnit, (unit) => sessionStorage.setItem('jixiao.unit', unit));
