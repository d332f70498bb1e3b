import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Everything is bundled into dist/: no CDN, no remote fonts, works offline against a local node.
export default defineConfig({
  plugins: [react()],
  base: './',
  build: {
    target: 'es2022',
    outDir: 'dist',
    chunkSizeWarningLimit: 4096,
    sourcemap: false,
    rollupOptions: {
      // @polkadot/x-global has a /*#__PURE__*/ annotation Rollup ignores; harmless.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION') return;
        warn(warning);
      },
    },
  },
});
