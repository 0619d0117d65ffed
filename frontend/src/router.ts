import { createRouter, createWebHashHistory, type RouteLocationNormalized } from 'vue-router'
import TicketsView from './views/TicketsView/TicketsView.vue'
import TicketDetailView from './views/TicketDetailView/TicketDetailView.vue'
import ContactsView from './views/ContactsView/ContactsView.vue'
import ContactDetailView from './views/ContactsView/ContactDetailView.vue'
import AdminView from './views/AdminView/AdminView.vue'
import InboxView from './views/InboxView/InboxView.vue'
import DashboardView from './views/DashboardView/DashboardView.vue'
import TasksView from './views/TasksView/TasksView.vue'
import PrintView from './views/PrintView/PrintView.vue'

const idProp = (kind: 'customer' | 'lead') => (r: RouteLocationNormalized) => ({ id: String(r.params.id), kind })

// Hash history: the app is served by the desktop shell, not by a web server
// that could answer deep links.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/tickets' },
    {
      path: '/tickets',
      name: 'tickets',
      component: TicketsView,
      meta: { title: 'Tickets' },
      children: [{ path: ':id', name: 'ticket', component: TicketDetailView, props: true }],
    },
    { path: '/customers', name: 'customers', component: ContactsView, props: { kind: 'customer' }, meta: { title: 'Customers' } },
    { path: '/customers/:id', name: 'customer', component: ContactDetailView, props: idProp('customer') },
    { path: '/leads', name: 'leads', component: ContactsView, props: { kind: 'lead' }, meta: { title: 'Leads' } },
    { path: '/leads/:id', name: 'lead', component: ContactDetailView, props: idProp('lead') },
    { path: '/inbox', name: 'inbox', component: InboxView, meta: { title: 'Inbox' } },
    { path: '/dashboard', name: 'dashboard', component: DashboardView, meta: { title: 'Dashboard' } },
    { path: '/tasks', name: 'tasks', component: TasksView, meta: { title: 'Tasks' } },
    { path: '/admin', name: 'admin', component: AdminView, meta: { title: 'Admin' } },
    // A page to print, shown without the sidebar (App.vue).
    { path: '/print/:what(receipt|ticket)/:id', name: 'print', component: PrintView, props: true, meta: { title: 'Print', bare: true } },
    { path: '/:pathMatch(.*)*', redirect: '/tickets' },
  ],
})

export function contactRoute(kind: string, id: string) {
  return { name: kind === 'lead' ? 'lead' : 'customer', params: { id } }
}
