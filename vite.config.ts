import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { fileURLToPath } from 'node:url';

const webRoot = fileURLToPath(new URL('./src/web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));
/** The API server `npm run dev` starts next to Vite. */
const apiTarget = process.env.SAMVERKA_DEV_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: webRoot,
  // Everything the page loads comes from our own origin: no CDN, no remote fonts.
  base: '/',
  plugins: [
    react(),
    // An installable app whose shell opens without a connection (the field report, issue 13 §6). The
    // service worker precaches only the build's own files; nothing under /api/ is ever cached, so no
    // answer with personal data is kept on the phone. The manifest and icons are local files.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: null, // registered in main.tsx, after the first page has drawn
      includeAssets: ['favicon.svg', 'pwa-192.png', 'pwa-512.png'],
      manifest: {
        name: 'Samverka',
        short_name: 'Samverka',
        description: 'Samverkan för att förebygga att unga dras in i kriminalitet',
        lang: 'sv',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1F5F61',
        icons: [
          { src: '/pwa-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/pwa-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/pwa-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      },
    }),
  ],
  build: {
    outDir,
    emptyOutDir: true,
    // A manifest lets scripts/build-web.ts measure the first page's JavaScript exactly.
    manifest: true,
    sourcemap: false,
    target: 'es2022',
    // Inline nothing as data: URLs except tiny images; fonts stay files so unicode-range can skip them.
    assetsInlineLimit: 0,
    rolldownOptions: {
      treeshake: {
        // Designsystemet's React package declares no `sideEffects`, so by default every component (and
        // floating-ui, a virtual list, a combobox) would land in the first page. Its modules only define
        // components; the custom elements they rely on come from @digdir/designsystemet-web, kept as is.
        moduleSideEffects: [{ test: /node_modules[\\/]@digdir[\\/]designsystemet-react[\\/]/, sideEffects: false }],
      },
      output: {
        // Libraries every page needs get stable, named chunks (cached across releases, readable in the
        // size report). Everything else is split per route by React.lazy.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'router', test: /node_modules[\\/]react-router[\\/]/ },
            { name: 'query', test: /node_modules[\\/]@tanstack[\\/](query-core|react-query)[\\/]/ },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next)[\\/]/ },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
            { name: 'forms', test: /node_modules[\\/](react-hook-form|@hookform)[\\/]/ },
            { name: 'designsystemet-elements', test: /node_modules[\\/](@digdir[\\/]designsystemet-web|@floating-ui|@u-elements)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: Number(process.env.SAMVERKA_DEV_WEB_PORT ?? 5173),
    strictPort: false,
    proxy: {
      // Same-origin for cookies and CSRF: the browser only ever talks to Vite in development.
      '/api': { target: apiTarget, changeOrigin: false, xfwd: true },
    },
  },
  preview: { port: 4173 },
});
