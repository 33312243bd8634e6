namespace Jamcart.Functions.Configuration;

/// <summary>
/// A setting whose value is not of its type (<c>Jamcart__RateLimit__PermitsPerMinute=abc</c>). The configuration binder
/// throws it as an <see cref="InvalidOperationException"/> while it makes the options, before any validator runs; its
/// message names the setting and the value (never a secret: every secret is a string, which any value is). Its message
/// is the binder's only mark of it.
/// </summary>
public static class UnreadableSetting
{
    private const string BinderMessageStart = "Failed to convert configuration value ";

    /// <summary>Whether <paramref name="exception"/> is the binder refusing a value, which the user can correct.</summary>
    public static bool Is(Exception exception) =>
        exception is InvalidOperationException { InnerException: not null } refused
        && refused.Message.StartsWith(BinderMessageStart, StringComparison.Ordinal);

    /// <summary>The binder's sentence, which names the setting, with what to do about it.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Message.Replace("'System.", "'", StringComparison.Ordinal) + " Correct or unset it.";
    }
}
