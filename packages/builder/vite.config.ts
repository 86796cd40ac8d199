import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The builder is a static bundle served by the server at `/`; it reaches the API on the same origin.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': process.env.CHATFLOW_API ?? 'http://localhost:3000' } },
});
