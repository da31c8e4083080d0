/**
 * Registers the service worker vite-plugin-pwa builds (sw.js, vite.config.ts): it precaches the app
 * shell and the build's own files so the app opens without a connection, and caches nothing from
 * /api/. Only in a production build (the dev server has no sw.js), and only after the first page has
 * drawn, so the worker's downloads never compete with it.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => void navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
