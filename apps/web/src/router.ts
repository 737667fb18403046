import { createRouter, createWebHashHistory } from 'vue-router';
import { api, unwrap } from './api/client';
import { homeFor, mayOpen, type PageName } from './session/pages';
import { session } from './session/session';
import OverviewPage from './pages/overview/OverviewPage.vue';

declare module 'vue-router' {
  interface RouteMeta {
    page?: PageName;
  }
}

/**
 * Hash routes: the api serves one document at /, so no server route has to know the
 * console's paths. The Overview is in the first bundle (it is the first page); the others load on demand.
 */
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', name: 'home', component: { render: () => null } },
    { path: '/sign-in', name: 'sign-in', component: () => import('./pages/sign-in/SignInPage.vue') },
    { path: '/overview', name: 'overview', component: OverviewPage, meta: { page: 'overview' } },
    { path: '/projects', name: 'projects', component: () => import('./pages/projects/ProjectsPage.vue'), meta: { page: 'projects' } },
    { path: '/project/:id', name: 'project', component: () => import('./pages/project/ProjectPage.vue'), meta: { page: 'project' } },
    { path: '/warnings', name: 'warnings', component: () => import('./pages/warnings/WarningsPage.vue'), meta: { page: 'warnings' } },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
});

router.beforeEach(async (to) => {
  if (to.name === 'sign-in') return true;
  if (!session.token.value) return { name: 'sign-in', query: { next: to.fullPath } };
  if (!session.me.value) {
    try {
      session.me.value = unwrap(await api.GET('/api/v1/me'));
    } catch {
      session.signOut();
      return { name: 'sign-in', query: { next: to.fullPath } };
    }
  }
  const role = session.me.value?.role;
  if (to.meta.page && mayOpen(to.meta.page, role)) return true;
  const home = homeFor(role);
  if (home && to.name !== home) return { name: home };
  return home ? true : { name: 'sign-in', query: { nothing: role } };
});
