import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { icuMessages } from './vite-messages';

const lib = (name: string, file = 'index.ts'): string =>
  fileURLToPath(new URL(`../../libs/${name}/src/${file}`, import.meta.url));

export default defineConfig({
  // Brotli and gzip copies of every text asset beside it, so the server negotiates them without
  // compressing on each request (vite-plugin-compression2: maintained, zlib only, no native code).
  plugins: [
    icuMessages(),
    svelte(),
    compression({
      algorithms: ['brotliCompress', 'gzip'],
      include: /\.(js|css|html|svg|json|webmanifest)$/,
      threshold: 512,
    }),
  ],
  resolve: {
    // The composer's crisis-only entry first: an alias also matches the paths below its name.
    alias: {
      '@kindred/safety/crisis': lib('safety', 'crisis-entry.ts'),
      '@kindred/contracts': lib('contracts'),
      '@kindred/safety': lib('safety'),
    },
  },
  build: { target: 'es2022', sourcemap: false },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
});
