import 'element-plus/dist/index.css';
import './shared/base.css';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n';
import { router } from './router';

createApp(App).use(i18n).use(router).mount('#app');
// User-timing marks: npm run bench:web reports where the time to data-ready goes.
performance.mark('jixiao:mounted');
