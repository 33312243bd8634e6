// Money for people, exactly as the templates' `money` filter writes it (Jamcart.Core's MoneyFormatter): the amount
// is an integer of minor units, the layout comes from the filter's own output for three sample amounts rendered into
// the page, and the digits are laid out by a port of the formatter's rule. Intl.NumberFormat differs from it in
// places (a no-break space in "12,50 €" and "KWD 1.250"), so it is only the fallback for a currency without samples.
import { pageConfig } from "./strings.js";

/** The minor-unit amounts whose `money` output the page carries: 1, a long positive and the same negative. */
export const SAMPLE_AMOUNTS = [1, 123456789012345, -123456789012345];

/**
 * @typedef {object} MoneyPattern
 * @property {string} prefix
 * @property {string} suffix
 * @property {string} negativePrefix
 * @property {string} negativeSuffix
 * @property {string} decimal
 * @property {string} group
 * @property {number[]} sizes digits per group from the right; the last repeats, a last 0 stops grouping
 * @property {number} exponent the currency's minor-unit digits
 */

/**
 * "₩1,234" → ["₩", "1,234", ""]: what is before the first digit, the digits and separators, what is after the last.
 * @param {string} text
 */
function splitAffixes(text) {
  const first = text.search(/\d/);
  let last = text.length;
  while (last > first && !/\d/.test(text[last - 1])) last--;
  return [text.slice(0, first), text.slice(first, last), text.slice(last)];
}

/**
 * Reads the locale's currency layout from the `money` filter's output for SAMPLE_AMOUNTS.
 * @param {string[]} samples
 * @returns {MoneyPattern | null}
 */
export function patternFromSamples(samples) {
  const [one, long, negative] = samples;
  if (!one || !long || !negative || !/\d/.test(one + long + negative)) return null;
  const [prefix, oneDigits, suffix] = splitAffixes(one);
  // 1 minor unit is "0.01", "0,001" or "1": the digits after the last separator are the currency's decimals.
  const fraction = /(\D+)(\d+)$/.exec(oneDigits);
  const exponent = fraction ? fraction[2].length : 0;
  const decimal = fraction ? fraction[1] : ".";
  let whole = splitAffixes(long)[1];
  if (exponent) whole = whole.slice(0, whole.length - exponent - decimal.length);
  const runs = whole.split(/\D+/);
  const group = /\D+/.exec(whole)?.[0] ?? "";
  // Full groups from the right (the leftmost may be partial), repeats of the last size folded away.
  const sizes = runs.slice(1).reverse().map((run) => run.length);
  while (sizes.length > 1 && sizes[sizes.length - 1] === sizes[sizes.length - 2]) sizes.pop();
  if (sizes.length && runs[0].length > sizes[sizes.length - 1]) sizes.push(0);
  const [negativePrefix, , negativeSuffix] = splitAffixes(negative);
  return { prefix, suffix, negativePrefix, negativeSuffix, decimal, group, sizes, exponent };
}

/**
 * MoneyFormatter.Render in JavaScript: digits written from the right, grouped by the sizes, the last size repeating.
 * @param {MoneyPattern} pattern
 * @param {number} minor a safe integer of minor units
 */
export function formatWithPattern(pattern, minor) {
  const digits = String(Math.abs(minor)).padStart(pattern.exponent + 1, "0");
  const wholeDigits = digits.slice(0, digits.length - pattern.exponent);
  let whole = "";
  let sizeIndex = 0;
  let size = pattern.sizes[0] || 0;
  let inGroup = 0;
  for (let i = wholeDigits.length - 1; i >= 0; i--) {
    if (size > 0 && inGroup === size) {
      whole = pattern.group + whole;
      inGroup = 0;
      if (sizeIndex < pattern.sizes.length - 1) size = pattern.sizes[++sizeIndex];
    }
    whole = wholeDigits[i] + whole;
    inGroup++;
  }
  const number = pattern.exponent ? whole + pattern.decimal + digits.slice(-pattern.exponent) : whole;
  return minor < 0
    ? pattern.negativePrefix + number + pattern.negativeSuffix
    : pattern.prefix + number + pattern.suffix;
}

/** @type {{ key: string, pattern: MoneyPattern | null } | undefined} */
let cached;

/**
 * Formats minor units of `currency` (the store's by default) in the page's locale, like `{{ amount | money }}`.
 * @param {number} minor
 * @param {string} [currency]
 */
export function formatMoney(minor, currency) {
  const config = pageConfig();
  const key = config.money.join("\n");
  if (!cached || cached.key !== key) cached = { key, pattern: patternFromSamples(config.money) };
  if (cached.pattern && (!currency || currency === config.currency)) return formatWithPattern(cached.pattern, minor);
  return formatWithIntl(minor, currency || config.currency, config.locale);
}

/**
 * The fallback for a currency the page has no samples of.
 * @param {number} minor
 * @param {string} currency
 * @param {string} locale
 */
export function formatWithIntl(minor, currency, locale) {
  try {
    const format = new Intl.NumberFormat(locale, { style: "currency", currency });
    const exponent = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(minor / 10 ** exponent);
  } catch {
    return `${currency} ${minor}`;
  }
}
