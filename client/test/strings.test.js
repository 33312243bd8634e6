// Every UI string a bundle asks for reaches its pages: listed in the data block of the template that loads the
// bundle (the layout's for all of them), and written in English and Korean.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { build } from "esbuild";

import { BUNDLES } from "../build.mjs";

const theme = new URL("../../src/Jamcart.Site/Theme/", import.meta.url);

/**
 * The keys a template lists for the script: `{% assign name = "a,b,c" | split: "," %}`.
 * @param {string} template
 */
function listedKeys(template) {
  const text = readFileSync(new URL(`templates/${template}`, theme), "utf8");
  const match = /\{%\s*assign\s+\w+_keys\s*=\s*"([^"]+)"/.exec(text);
  assert.ok(match, `${template} lists no keys`);
  return match[1].split(",");
}

/** @param {string} locale */
function yamlKeys(locale) {
  const text = readFileSync(new URL(`i18n/${locale}.yml`, theme), "utf8");
  return new Set([...text.matchAll(/^([a-z0-9_.]+):/gm)].map((m) => m[1]));
}

/**
 * The i18n keys written as string literals in the sources a bundle is built from.
 * @param {string} entry
 */
async function keysUsedBy(entry) {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(`../${entry}`, import.meta.url))],
    bundle: true,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const keys = new Set();
  for (const input of Object.keys(result.metafile.inputs)) {
    const source = readFileSync(new URL(`../${input}`, import.meta.url), "utf8").replace(/^\s*(\/\/|\*|\/\*).*$/gm, "");
    for (const [, key] of source.matchAll(/"((?:product|cart|checkout|order|error)\.[a-z0-9_.]*[a-z0-9_])"/g)) keys.add(key);
  }
  return keys;
}

const pages = {
  "jamcart.js": listedKeys("layout.liquid"),
  "checkout.js": [...listedKeys("layout.liquid"), ...listedKeys("checkout.liquid")],
  "order.js": [...listedKeys("layout.liquid"), ...listedKeys("order.liquid")],
};

for (const [name, entry] of Object.entries(BUNDLES)) {
  test(`every string ${name} uses is handed to it by its page`, async () => {
    const listed = new Set(pages[/** @type {keyof typeof pages} */ (name)]);
    const missing = [...(await keysUsedBy(entry))].filter((key) => !listed.has(key));
    assert.deepEqual(missing, []);
  });
}

test("every listed string exists in English and Korean", () => {
  const listed = new Set(Object.values(pages).flat());
  for (const locale of ["en", "ko"]) {
    const keys = yamlKeys(locale);
    assert.deepEqual([...listed].filter((key) => !keys.has(key)), [], locale);
  }
});
