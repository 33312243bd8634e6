using Npgsql;

namespace Jamcart.Storage.Connections;

/// <summary>
/// Turns a <c>postgres://user:password@host:port/database?sslmode=require</c> URL (the form hosting platforms hand out)
/// into an Npgsql connection string. User and password may be percent-encoded; query options are Npgsql settings.
/// </summary>
internal static class PostgresUrl
{
    private const int DefaultPort = 5432;

    /// <exception cref="ArgumentException">The URL is malformed, names no host or database, or has an unknown option.</exception>
    public static string ToConnectionString(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.DnsSafeHost.Length == 0)
        {
            throw ConnectionStrings.Invalid("The PostgreSQL URL is not a valid URL with a host.");
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0 || database.Contains('/', StringComparison.Ordinal))
        {
            throw ConnectionStrings.Invalid("The PostgreSQL URL names no database (…/database at its end).");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.DnsSafeHost,
            Port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port,
            Database = database,
        };

        var userInfo = uri.UserInfo;
        if (userInfo.Length > 0)
        {
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
            }
        }

        foreach (var option in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = option.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? option : option[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(option[(equals + 1)..]);
            try
            {
                builder[key] = value;
            }
            catch (ArgumentException)
            {
                throw ConnectionStrings.Invalid("The PostgreSQL URL has an option Npgsql does not accept.");
            }
        }

        return builder.ConnectionString;
    }
}
