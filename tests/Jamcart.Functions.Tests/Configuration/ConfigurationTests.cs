using Jamcart.Functions.Configuration;
using Jamcart.Functions.Tests.Support;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Jamcart.Functions.Tests.Configuration;

/// <summary>Settings are checked at start-up, and every message names the setting to fix.</summary>
public sealed class ConfigurationTests
{
    private static Dictionary<string, string?> Valid() => new()
    {
        ["Jamcart:Database"] = "Data Source=" + Path.Combine(Path.GetTempPath(), "jamcart-never-opened.db"),
        ["Jamcart:AdminKey"] = ApiFixture.AdminKey,
        ["Jamcart:Payments:Provider"] = "sandbox",
        ["Jamcart:Payments:SecretKey"] = "sk_test_123456789",
        ["Jamcart:Payments:PublishableKey"] = "pk_test_123456789",
        ["Jamcart:Payments:WebhookSecrets:0"] = "whsec_123456789",
        ["Jamcart:Payments:ApiBase"] = "http://127.0.0.1:5081/",
    };

    public static TheoryData<string, string?, string> Broken() => new()
    {
        { "Jamcart:Database", null, "Jamcart:Database is missing" },
        { "Jamcart:AdminKey", null, "Jamcart:AdminKey is missing" },
        { "Jamcart:AdminKey", "short-key", "Jamcart:AdminKey is too short" },
        { "Jamcart:AdminKey", "관리자열쇠관리자열쇠관리자열쇠관리자열쇠관리자열쇠관리자열쇠관리", "Jamcart:AdminKey must be ASCII" },
        { "Jamcart:AdminKey", "a random key with spaces in it that is long", "Jamcart:AdminKey must be ASCII" },
        { "Jamcart:AllowedOrigins:0", "https://shop.example/path", "Jamcart:AllowedOrigins:0" },
        { "Jamcart:TrustedProxies:0", "10.0.0.0/99", "Jamcart:TrustedProxies:0" },
        { "Jamcart:RateLimit:PermitsPerMinute", "0", "Jamcart:RateLimit:PermitsPerMinute" },
        { "Jamcart:Checkout:MaxLines", "0", "Jamcart:Checkout: MaxLines" },
        { "Jamcart:Payments:Provider", "paypal", "Jamcart:Payments: Provider must be" },
        { "Jamcart:Payments:PublishableKey", "sk_test_123456789", "Jamcart:Payments: PublishableKey holds a secret key" },
        { "Jamcart:Payments:WebhookSecrets:0", null, "Jamcart:Payments: WebhookSecrets is empty" },
        { "Jamcart:Background:ReconcileInterval", "00:00:00", "Jamcart:Background:ReconcileInterval" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void each_broken_setting_is_named(string key, string? value, string message)
    {
        var settings = Valid();
        if (value is null)
        {
            settings.Remove(key);
        }
        else
        {
            settings[key] = value;
        }

        var result = new JamcartOptionsValidator().Validate(null, Bind(settings));

        result.Failed.ShouldBeTrue();
        result.Failures!.ShouldContain(failure => failure.StartsWith(message, StringComparison.Ordinal));
        string.Join(" ", result.Failures!).ShouldNotContain("sk_test_123456789");
    }

    [Fact]
    public void valid_settings_pass()
    {
        new JamcartOptionsValidator().Validate(null, Bind(Valid())).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task a_host_with_broken_settings_does_not_start()
    {
        var settings = Valid();
        settings["Jamcart:AdminKey"] = "short-key";
        await using var factory = new ApiFactory(settings, "Production", new LogCapture(), null);

        // The host reports its settings' problems on stderr, by name and without a stack trace, then does not start.
        using var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            Should.Throw<Exception>(() => factory.CreateClient());
        }
        finally
        {
            Console.SetError(original);
        }

        error.ToString().ShouldContain("Jamcart:AdminKey is too short");
        error.ToString().ShouldNotContain("   at ");
    }

    public static TheoryData<string, string, bool> DatabasesOnAwsLambda() => new()
    {
        { "AWS_LAMBDA_FUNCTION_NAME", "sqlite:/tmp/orders.db", false },
        { "AWS_EXECUTION_ENV", "Data Source=/tmp/orders.db", false },
        { "LAMBDA_TASK_ROOT", "sqlite:orders.db", false },
        { "AWS_LAMBDA_FUNCTION_NAME", "postgres://shop:secret@db.internal:5432/shop", true },
        { "LAMBDA_TASK_ROOT", "Host=db.internal;Database=shop", true },
    };

    [Theory]
    [MemberData(nameof(DatabasesOnAwsLambda))]
    public void on_aws_lambda_sqlite_is_refused_and_postgresql_accepted(string lambdaVariable, string database, bool accepted)
    {
        var settings = Valid();
        settings["Jamcart:Database"] = database;
        var validator = new JamcartOptionsValidator(name => name == lambdaVariable ? "set" : null);

        var result = validator.Validate(null, Bind(settings));

        result.Succeeded.ShouldBe(accepted);
        if (!accepted)
        {
            var failure = result.Failures.ShouldHaveSingleItem();
            failure.ShouldStartWith("Jamcart:Database is a SQLite file, which AWS Lambda cannot keep");
            failure.ShouldContain("PostgreSQL");
            failure.ShouldNotContain("\n");
        }
    }

    [Fact]
    public void off_aws_lambda_sqlite_is_accepted()
    {
        var settings = Valid();
        settings["Jamcart:Database"] = "sqlite:" + Path.Combine(Path.GetTempPath(), "jamcart-never-opened.db");

        new JamcartOptionsValidator(_ => null).Validate(null, Bind(settings)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void short_environment_variables_stand_for_the_database_and_the_admin_key()
    {
        Environment.SetEnvironmentVariable("JAMCART_DATABASE", "Host=db.internal;Database=shop");
        Environment.SetEnvironmentVariable("JAMCART_ADMIN_KEY", "key-from-the-environment");
        try
        {
            var configuration = new ConfigurationBuilder().AddJamcartEnvironmentAliases().Build();

            configuration["Jamcart:Database"].ShouldBe("Host=db.internal;Database=shop");
            configuration["Jamcart:AdminKey"].ShouldBe("key-from-the-environment");
        }
        finally
        {
            Environment.SetEnvironmentVariable("JAMCART_DATABASE", null);
            Environment.SetEnvironmentVariable("JAMCART_ADMIN_KEY", null);
        }
    }

    private static JamcartOptions Bind(Dictionary<string, string?> settings)
    {
        var options = new JamcartOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(JamcartOptions.Section).Bind(options);
        return options;
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }

            if (current is OptionsValidationException validation)
            {
                yield return new InvalidOperationException(string.Join(" ", validation.Failures));
            }
        }
    }
}
