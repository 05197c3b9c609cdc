import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The extension's build. WXT's srcDir is extension/; see ARCHITECTURE.md.
export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'EduBridge',
    description: "A looked-after child's education status on their case record.",
  },
});
