import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

import { bundle, BUNDLES, THEME_ASSETS } from "../build.mjs";

test("the bundles in the theme are what the sources build to (run npm run build and commit them)", async () => {
  const folder = await mkdtemp(join(tmpdir(), "jamcart-bundles-"));
  try {
    const built = await bundle(folder);
    for (const name of Object.keys(BUNDLES)) {
      const committed = await readFile(join(THEME_ASSETS, name));
      assert.ok(committed.equals(built[name]), `${name} in the theme is stale`);
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
