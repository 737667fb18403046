import { computed, ref, watch, type Ref } from 'vue';

/**
 * The data-ready mark the browser tests and npm run bench:web wait for: true once the page's
 * data has arrived and each of its charts has reported ECharts' `finished` event for that data.
 */
export function useReadyMark(charts: readonly string[], loaded: Ref<boolean>) {
  const rendered = ref(new Set<string>());
  const ready = computed(() => loaded.value && charts.every((chart) => rendered.value.has(chart)));
  // Loading again (another year) means drawing again.
  watch(loaded, (now) => {
    if (!now) rendered.value = new Set();
  });
  return {
    ready,
    /** Call from a chart's @finished. */
    finished: (chart: string) => {
      if (loaded.value && !rendered.value.has(chart)) rendered.value = new Set([...rendered.value, chart]);
    },
    /** New data on the way: the charts must render again before the page is ready. */
    reset: () => {
      rendered.value = new Set();
    },
  };
}
