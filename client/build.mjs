// Bundles the client for the default theme: one self-contained, minified ES2020 module per page type, written into
// the theme's assets so that Jamcart embeds them and a store build never runs Node. Run with `npm run build`;
// test/bundles.test.js fails when the committed bundles are not what the sources build to.
import { build } from "esbuild";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

/** Where the theme embeds its assets from. */
export const THEME_ASSETS = fileURLToPath(new URL("../src/Jamcart.Site/Theme/assets/jamcart/", import.meta.url));

/** Every page loads jamcart.js; the checkout and order pages add their own. */
export const BUNDLES = {
  "jamcart.js": "src/bundles/jamcart.js",
  "checkout.js": "src/bundles/checkout.js",
  "order.js": "src/bundles/order.js",
};

/**
 * Writes every bundle into `folder`.
 * @param {string} folder
 * @returns {Promise<Record<string, Buffer>>} the bytes written, by file name
 */
export async function bundle(folder) {
  /** @type {Record<string, Buffer>} */
  const written = {};
  for (const [name, entry] of Object.entries(BUNDLES)) {
    const outfile = `${folder.replace(/\/$/, "")}/${name}`;
    await build({
      entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
      outfile,
      bundle: true,
      format: "esm",
      target: "es2020",
      minify: true,
      legalComments: "none",
      charset: "utf8",
      logLevel: "warning",
    });
    written[name] = await readFile(outfile);
  }
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [name, bytes] of Object.entries(await bundle(THEME_ASSETS))) {
    console.log(`${name.padEnd(12)} ${String(bytes.length).padStart(6)} B, ${String(gzipSync(bytes).length).padStart(5)} B gzipped`);
  }
}
