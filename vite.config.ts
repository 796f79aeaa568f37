import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './web/precompress';

// The console lives in web/; the Hono server serves web/dist and /api on one port,
// so in dev only /api needs proxying to it.
export default defineConfig({
  root: 'web',
  // precompress: .gz and .br of every asset, served as they are (server/app.ts)
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    // .vite/manifest.json: the server preloads the console's chunks on a signed-in page (server/http/web-app.ts)
    manifest: true,
  },
  server: {
    proxy: { '/api': { target: process.env.GSP_API ?? 'http://localhost:8080', changeOrigin: true } },
  },
});
