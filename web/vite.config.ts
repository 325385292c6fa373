import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The web app is served by the API process from web/dist; `npm run dev:web` proxies the API.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    manifest: true,
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
  server: { proxy: { "/api": "http://127.0.0.1:3000", "/files": "http://127.0.0.1:3000" } },
});
