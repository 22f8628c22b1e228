/** Runes mode for every component of the app (never `export let`); libraries compile as they declare. */
export default {
  vitePlugin: {
    dynamicCompileOptions({ filename }) {
      if (!filename.includes('/node_modules/')) return { runes: true };
    },
  },
};
