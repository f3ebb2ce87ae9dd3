import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built into ../dist, which the hub serves at `/` (services/console/src/console.routes.ts).
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: { outDir: '../dist', emptyOutDir: true, assetsDir: 'assets', sourcemap: false },
});
