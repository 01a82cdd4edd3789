import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The console, built to web/dist and served by the gateway at /app (gateway/console/console.plugin.ts).
 * `npm run web:dev`: Vite's dev server, its API calls sent to the hub `npm start` runs (HUB_URL, default :4000).
 */
const hub = process.env.HUB_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/app/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/graphql': hub, '/app/config.json': hub },
  },
});
