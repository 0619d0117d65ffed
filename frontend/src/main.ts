import { createApp } from 'vue'
import { createPinia } from 'pinia'
import PrimeVue from 'primevue/config'
import ToastService from 'primevue/toastservice'
import type { ToastServiceMethods } from 'primevue/toastservice'
import ConfirmationService from 'primevue/confirmationservice'
import Tooltip from 'primevue/tooltip'
import 'primeicons/primeicons.css'
import './styles.css'
import App from './App.vue'
import { router } from './router'
import { primeVueOptions } from './theme'
import { installDialogFocus } from './composables/dialogFocus'
import { loadFonts } from './fonts'
import { SIGN_IN_FIRST } from './api'

installDialogFocus()

// The first paint waits for the fonts (src/fonts.ts).
void loadFonts().then(() =>
  createApp(App)
    .use(createPinia())
    .use(router)
    .use(PrimeVue, primeVueOptions)
    .use(ToastService)
    .use({
      // PrimeVue's toast service, less one message: a call refused because the
      // desk just locked or its user signed out is no error to show, the window
      // is going to the sign-in screen (App.vue follows SIGNED_OUT_EVENT).
      install(app) {
        const toasts = app.config.globalProperties.$toast as ToastServiceMethods
        const add = toasts.add.bind(toasts)
        toasts.add = (m) => {
          if (m.detail !== SIGN_IN_FIRST) add(m)
        }
      },
    })
    .use(ConfirmationService)
    .directive('tooltip', Tooltip)
    .mount('#app'),
)
