import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Fonts are files in our own build (no font CDN). Latin covers Swedish; latin-ext loads only when needed.
import '@fontsource/inter/latin-400.css';
import '@fontsource/inter/latin-500.css';
import '@fontsource/inter/latin-600.css';
import '@fontsource/inter/latin-ext-400.css';
import '@fontsource/inter/latin-ext-500.css';
import '@fontsource/inter/latin-ext-600.css';
import '@digdir/designsystemet-css';
import './theme/samverka.css';
import './styles/global.css';
import { initI18n } from './i18n/i18n';
import { App } from './app/App';
import { registerServiceWorker } from './features/field-reports/service-worker';

await initI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
registerServiceWorker();
