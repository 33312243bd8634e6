using System.Globalization;

using Jamcart.Checkout.Catalog;
using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Storage;
using Jamcart.Core;

namespace Jamcart.Checkout.UseCases;

/// <summary>The rules of <c>POST /api/checkout</c> (docs/api.md), every one checked so that all problems are reported at once.</summary>
public sealed partial class PlaceOrder
{
    internal const int MaxEmailLength = 254;
    internal const int MaxTextLength = 200;

    /// <summary>The fewest units of a line; the most is <see cref="CheckoutOptions.MaxQuantity"/>.</summary>
    public const int MinQuantity = 1;

    /// <summary>A request that keeps every rule: repeated SKUs merged (in the order they first appear), texts trimmed.</summary>
    internal sealed record ValidatedOrder(IReadOnlyList<OrderLineQuantity> Items, string Email, ShippingAddress? Shipping, string Locale);

    /// <summary>Checks <paramref name="command"/> against the API's rules and the store's settings.</summary>
    /// <param name="settings">Null before the first catalog sync: then no shipping is asked for, and the caller refuses every SKU.</param>
    /// <exception cref="InvalidRequestException">Every problem, keyed by its path in the request.</exception>
    internal static ValidatedOrder Validate(PlaceOrderCommand command, StoreSettings? settings, CheckoutOptions options)
    {
        var errors = new RequestErrors();
        var items = ValidateItems(command.Items, options, errors);
        var email = ValidateEmail(command.Email, errors);
        var shipping = settings is { Pricing.RequiresShipping: true } ? ValidateShipping(command.Shipping, settings.Pricing.Shipping!, errors) : null;
        errors.ThrowIfAny();
        return new ValidatedOrder(items, email!, shipping, LocaleOf(command.Locale, settings));
    }

    private static List<OrderLineQuantity> ValidateItems(IReadOnlyList<CartItemInput>? items, CheckoutOptions options, RequestErrors errors)
    {
        var merged = new List<OrderLineQuantity>();
        if (items is null || items.Count == 0)
        {
            errors.Add("items", "Add at least one item.");
            return merged;
        }

        // Where each SKU first appears, so that a merged total over the limit is reported at a line the buyer sent.
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"items[{i}]");
            if (items[i] is not { } item)
            {
                errors.Add(path, "Each item needs a sku and a quantity.");
                continue;
            }

            var skuValid = false;
            if (string.IsNullOrEmpty(item.Sku))
            {
                errors.Add(path + ".sku", "Required.");
            }
            else if (!Sku.IsValid(item.Sku))
            {
                errors.Add(path + ".sku", $"Not a SKU: use capital letters, digits, '-' and '_' ({Sku.PatternText}).");
            }
            else
            {
                skuValid = true;
            }

            var quantityValid = false;
            if (item.Quantity is not { } quantity)
            {
                errors.Add(path + ".quantity", "Required.");
            }
            else if (quantity < MinQuantity || quantity > options.MaxQuantity)
            {
                errors.Add(path + ".quantity", string.Create(CultureInfo.InvariantCulture, $"Must be a whole number from {MinQuantity} to {options.MaxQuantity}."));
            }
            else
            {
                quantityValid = true;
            }

            if (skuValid && quantityValid)
            {
                var sku = item.Sku!;
                if (first.TryAdd(sku, i))
                {
                    totals[sku] = 0;
                }

                totals[sku] += item.Quantity!.Value;
            }
        }

        foreach (var (sku, index) in first)
        {
            if (totals[sku] > options.MaxQuantity)
            {
                errors.Add(
                    string.Create(CultureInfo.InvariantCulture, $"items[{index}].quantity"),
                    string.Create(CultureInfo.InvariantCulture, $"{sku} is ordered {totals[sku]} times over several lines; at most {options.MaxQuantity} of one product per order."));
            }
            else
            {
                merged.Add(new OrderLineQuantity(sku, (int)totals[sku]));
            }
        }

        if (first.Count > options.MaxLines)
        {
            errors.Add("items", string.Create(CultureInfo.InvariantCulture, $"At most {options.MaxLines} different products per order; this one has {first.Count}."));
        }

        return merged;
    }

    private static string? ValidateEmail(string? email, RequestErrors errors)
    {
        const string path = "email";
        if (string.IsNullOrEmpty(email))
        {
            errors.Add(path, "Required.");
            return null;
        }

        var problem = email.Length > MaxEmailLength ? string.Create(CultureInfo.InvariantCulture, $"At most {MaxEmailLength} characters.")
            : email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) ? "No spaces or control characters."
            : HasLoneSurrogate(email) ? "Not valid text."
            : EmailShapeProblem(email);
        if (problem is not null)
        {
            errors.Add(path, problem);
        }

        return email;
    }

    private static string? EmailShapeProblem(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at < 0 || at != email.LastIndexOf('@'))
        {
            return "Needs exactly one @, as in name@example.com.";
        }

        if (at == 0 || at == email.Length - 1)
        {
            return "Needs a name before the @ and a domain after it, as in name@example.com.";
        }

        var domain = email.AsSpan(at + 1);
        var dot = domain.IndexOf('.');
        return dot <= 0 || domain[^1] == '.' ? "The domain needs a dot, as in example.com." : null;
    }

    private static ShippingAddress? ValidateShipping(ShippingInput? shipping, ShippingRule rule, RequestErrors errors)
    {
        if (shipping is null)
        {
            errors.Add("shipping", "Required: this store sends physical goods.");
            return null;
        }

        var before = errors.Count;
        var name = Text(shipping.Name, "shipping.name", required: true, errors);
        var line1 = Text(shipping.Line1, "shipping.line1", required: true, errors);
        var line2 = Text(shipping.Line2, "shipping.line2", required: false, errors);
        var city = Text(shipping.City, "shipping.city", required: true, errors);
        var region = Text(shipping.Region, "shipping.region", required: false, errors);
        var country = Country(shipping.Country, rule, errors);
        var postalCode = Text(shipping.PostalCode, "shipping.postalCode", required: country is not null && Countries.UsesPostalCodes(country), errors);

        return errors.Count > before
            ? null
            : new ShippingAddress(name!, line1!, line2, city!, region, postalCode, country!);
    }

    private static string? Country(string? value, ShippingRule rule, RequestErrors errors)
    {
        const string path = "shipping.country";
        var code = value?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(code))
        {
            errors.Add(path, "Required.");
            return null;
        }

        if (code.Length != 2 || !Countries.IsAssigned(code))
        {
            errors.Add(path, "Not an ISO 3166-1 alpha-2 country code (like KR, US or DE).");
            return null;
        }

        if (rule.Countries.Count > 0 && !rule.Countries.Contains(code, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(path, $"This store does not ship to {code}.");
            return null;
        }

        return code;
    }

    /// <summary>A trimmed text of at most <see cref="MaxTextLength"/> characters without control characters; null when left out.</summary>
    private static string? Text(string? value, string path, bool required, RequestErrors errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                errors.Add(path, "Required.");
            }

            return null;
        }

        var problem = text.Length > MaxTextLength ? string.Create(CultureInfo.InvariantCulture, $"At most {MaxTextLength} characters.")
            : text.Any(char.IsControl) ? "No control characters (line breaks, tabs)."
            : HasLoneSurrogate(text) ? "Not valid text."
            : null;
        if (problem is not null)
        {
            errors.Add(path, problem);
            return null;
        }

        return text;
    }

    private static string LocaleOf(string? locale, StoreSettings? settings)
    {
        if (settings is null)
        {
            return "en";
        }

        // Not an error: a locale the store does not have falls back to the store's own, as the pages do.
        return settings.Locales.FirstOrDefault(known => string.Equals(known, locale, StringComparison.OrdinalIgnoreCase))
            ?? settings.DefaultLocale;
    }

    // Half of a surrogate pair cannot be stored as UTF-8 (PostgreSQL refuses it), so it is refused here, by path.
    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
