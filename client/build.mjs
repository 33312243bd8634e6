// Bundles the client for the default theme: one self-contained, minified ES2020 module per page type, written into
// the theme's assets so that Jamcart embeds them and a store build never runs Node. Run with `npm run build`.
import { build } from "esbuild";
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";

const out = new URL("../src/Jamcart.Site/Theme/assets/jamcart/", import.meta.url);

/** Every page loads jamcart.js; the checkout and order pages add their own. */
const bundles = {
  "jamcart.js": "src/bundles/jamcart.js",
  "checkout.js": "src/bundles/checkout.js",
  "order.js": "src/bundles/order.js",
};

for (const [name, entry] of Object.entries(bundles)) {
  const outfile = new URL(name, out).pathname;
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: "esm",
    target: "es2020",
    minify: true,
    legalComments: "none",
    charset: "utf8",
    logLevel: "warning",
  });
  const bytes = await readFile(outfile);
  console.log(`${name.padEnd(12)} ${String(bytes.length).padStart(6)} B, ${String(gzipSync(bytes, { level: 9 }).length).padStart(5)} B gzipped`);
}
