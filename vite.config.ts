import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The console lives in web/; the Hono server serves web/dist and /api on one port,
// so in dev only /api needs proxying to it.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
  },
  server: {
    proxy: { '/api': { target: process.env.GSP_API ?? 'http://localhost:8080', changeOrigin: true } },
  },
});
