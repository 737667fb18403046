import { computed, ref, watch, type Ref } from 'vue';

/**
 * The data-ready mark the browser tests and npm run bench:web wait for: true once the page's
 * data has arrived and each of its charts has reported ECharts' `finished` event for the
 * option it shows now. A chart whose option changes (new data, unit or language) must
 * report again; one whose option stays the same keeps its mark.
 */
export function useReadyMark(options: Readonly<Record<string, Ref<unknown>>>, loaded: Ref<boolean>) {
  const rendered = ref(new Set<string>());
  const charts = Object.keys(options);
  const ready = computed(() => loaded.value && charts.every((chart) => rendered.value.has(chart)));
  const forget = (chart: string) => {
    if (!rendered.value.has(chart)) return;
    const left = new Set(rendered.value);
    left.delete(chart);
    rendered.value = left;
  };
  for (const [chart, option] of Object.entries(options)) watch(option, () => forget(chart));
  // Loading again (another year) means drawing again.
  watch(loaded, (now) => {
    if (!now) rendered.value = new Set();
  });
  watch(ready, (now) => now && performance.mark('jixiao:ready'));
  return {
    ready,
    /** Call from a chart's @finished. */
    finished: (chart: string) => {
      if (loaded.value && !rendered.value.has(chart)) rendered.value = new Set([...rendered.value, chart]);
    },
  };
}
