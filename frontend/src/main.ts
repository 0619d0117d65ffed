import { createApp } from 'vue'
import { createPinia } from 'pinia'
import PrimeVue from 'primevue/config'
import ToastService from 'primevue/toastservice'
import ConfirmationService from 'primevue/confirmationservice'
import Tooltip from 'primevue/tooltip'
import 'primeicons/primeicons.css'
import './styles.css'
import App from './App.vue'
import { router } from './router'
import { primeVueOptions } from './theme'
import { installDialogFocus } from './composables/dialogFocus'
import { loadFonts } from './fonts'

installDialogFocus()

// The first paint waits for the fonts (src/fonts.ts).
void loadFonts().then(() =>
  createApp(App)
    .use(createPinia())
    .use(router)
    .use(PrimeVue, primeVueOptions)
    .use(ToastService)
    .use(ConfirmationService)
    .directive('tooltip', Tooltip)
    .mount('#app'),
)
