// The script formats money exactly as the templates' `money` filter (Jamcart.Core's MoneyFormatter) does. The cases
// come from MoneyFormatter itself, and tests/Jamcart.Site.Tests checks every one of them against it again, so this
// file and that test together prove the two agree.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { formatWithIntl, formatWithPattern, patternFromSamples, SAMPLE_AMOUNTS } from "../src/money.js";

/** @type {Array<{ currency: string, locale: string, samples: string[], expected: Array<[number, string]> }>} */
const cases = JSON.parse(readFileSync(new URL("./money-cases.json", import.meta.url), "utf8"));

test("the samples are the filter's output for the amounts the layout renders", () => {
  assert.deepEqual(SAMPLE_AMOUNTS, [1, 123456789012345, -123456789012345]);
  for (const { samples } of cases) assert.equal(samples.length, SAMPLE_AMOUNTS.length);
});

for (const { currency, locale, samples, expected } of cases) {
  test(`${currency} in ${locale} is written as the money filter writes it`, () => {
    const pattern = patternFromSamples(samples);
    assert.ok(pattern);
    for (const [minor, text] of expected) assert.equal(formatWithPattern(pattern, minor), text, `${minor} minor units`);
    samples.forEach((text, i) => assert.equal(formatWithPattern(pattern, SAMPLE_AMOUNTS[i]), text));
  });
}

test("the issue's four examples", () => {
  /** @param {string} currency @param {string} locale @param {number} minor */
  const format = (currency, locale, minor) => {
    const found = cases.find((c) => c.currency === currency && c.locale === locale);
    assert.ok(found);
    return formatWithPattern(/** @type {any} */ (patternFromSamples(found.samples)), minor);
  };
  assert.equal(format("KRW", "ko", 12000), "₩12,000");
  assert.equal(format("USD", "en", 1250), "$12.50");
  assert.equal(format("EUR", "de", 1250), "12,50 €");
  assert.equal(format("KWD", "en", 1250), "KWD 1.250");
});

test("Intl.NumberFormat is not the same rule, which is why the script ports it", () => {
  // A no-break space where the filter writes a plain one: identical-looking, but not equal text.
  assert.notEqual(formatWithIntl(1250, "EUR", "de"), "12,50 €");
  assert.notEqual(formatWithIntl(1250, "KWD", "en"), "KWD 1.250");
  assert.equal(formatWithIntl(12000, "KRW", "ko"), "₩12,000");
});

test("samples that are not money give no pattern", () => {
  assert.equal(patternFromSamples([]), null);
  assert.equal(patternFromSamples(["", "", ""]), null);
  assert.equal(patternFromSamples(["x", "y", "z"]), null);
});
