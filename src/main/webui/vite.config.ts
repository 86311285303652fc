import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * The UI is served by the bitquark process itself at `/`, so every API call is same-origin.
 * During `npm run dev` the Vite dev server stands in for that process and forwards the API
 * (including the `/api/v1/events` WebSocket) and the Quarkus endpoints under `/q` to a
 * bitquark instance running locally on its default port.
 */
const backend = 'http://localhost:3030';

export default defineConfig({
  base: '/',
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: backend, ws: true },
      '/q': { target: backend },
    },
  },
  build: {
    // The Maven build overrides this with --outDir target/classes/META-INF/resources.
    outDir: 'dist',
    // Keep every asset a separate file: the CSP applied later allows no data: or inline content.
    assetsInlineLimit: 0,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test/setup.ts'],
    restoreMocks: true,
  },
});
