import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './web/precompress';

// The console lives in web/; the Hono server serves web/dist and /api on one port,
// so in dev only /api needs proxying to it.
export default defineConfig(({ command }) => ({
  root: 'web',
  // precompress: .gz and .br of every asset, served as they are (server/app.ts)
  plugins: [react(), precompress()],
  // A build is the production build of React and the rest, also when a test runner (NODE_ENV=test) or
  // the bench starts it: with NODE_ENV=test Vite bundled React's development build (2× the size, slower).
  define: command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : undefined,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
  },
  server: {
    proxy: { '/api': { target: process.env.GSP_API ?? 'http://localhost:8080', changeOrigin: true } },
  },
}));
