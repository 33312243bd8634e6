namespace Jamcart.Core;

/// <summary>An amount in whole minor units of one currency (cents for USD, won for KRW), with checked arithmetic.</summary>
public readonly record struct Money(long Minor, Currency Currency)
{
    public Currency Currency { get; init; } = Currency ?? throw new ArgumentNullException(nameof(Currency));

    public static Money Zero(Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        return new Money(0, currency);
    }

    /// <summary>Adds up amounts of one currency; zero for none.</summary>
    /// <exception cref="InvalidOperationException">An amount is in another currency.</exception>
    /// <exception cref="OverflowException">The total does not fit in a long of minor units.</exception>
    public static Money Sum(IEnumerable<Money> values, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(currency);

        // A 128-bit running total cannot overflow on any realistic list, so the result depends only on
        // the true total, not on the order of the values (a refund line after a large one, for instance).
        Int128 total = 0;
        foreach (var value in values)
        {
            if (value.Currency != currency)
            {
                throw Mismatch($"Cannot add {CodeOf(value)} to a {currency.Code} total");
            }

            total += value.Minor;
        }

        return new Money(checked((long)total), currency);
    }

    /// <exception cref="OverflowException">The product does not fit in a long of minor units.</exception>
    public Money Multiply(long quantity) => this with { Minor = checked(Minor * quantity) };

    /// <exception cref="InvalidOperationException">The amounts are in different currencies.</exception>
    /// <exception cref="OverflowException">The sum does not fit in a long of minor units.</exception>
    public static Money operator +(Money left, Money right)
    {
        if (left.Currency != right.Currency)
        {
            throw Mismatch($"Cannot add {CodeOf(right)} to {CodeOf(left)}");
        }

        return left with { Minor = checked(left.Minor + right.Minor) };
    }

    /// <exception cref="InvalidOperationException">The amounts are in different currencies.</exception>
    /// <exception cref="OverflowException">The difference does not fit in a long of minor units.</exception>
    public static Money operator -(Money left, Money right)
    {
        if (left.Currency != right.Currency)
        {
            throw Mismatch($"Cannot subtract {CodeOf(right)} from {CodeOf(left)}");
        }

        return left with { Minor = checked(left.Minor - right.Minor) };
    }

    public override string ToString() => Currency is null
        ? $"{Minor} (no currency)"
        : $"{MoneyFormatter.FormatPlain(this)} {Currency.Code}";

    private static InvalidOperationException Mismatch(string what) =>
        new($"{what}: amounts in different currencies do not combine without a conversion.");

    // default(Money) has no currency; name it rather than fail with a NullReferenceException inside the message.
    private static string CodeOf(Money money) => money.Currency?.Code ?? "an amount without a currency";
}
