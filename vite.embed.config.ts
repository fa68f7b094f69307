import { defineConfig } from 'vite';

// embed.js: the blog loader, a small script of its own at the root of dist/ (next to index.html,
// whose address it derives from its own).
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    lib: {
      entry: 'src/embed/loader.ts',
      formats: ['iife'],
      name: 'ResidualExplorerEmbed',
      fileName: () => 'embed.js',
    },
  },
});
