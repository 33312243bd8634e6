using Jamcart.Functions;

using Microsoft.Extensions.Options;

var builder = FunctionsApp.CreateBuilder(args);
builder.AddJamcartFunctions();

var app = builder.Build();
app.UseJamcartFunctions();
try
{
    // Read the settings before the host starts, so a wrong one is reported here rather than logged with a stack trace.
    _ = app.Services.GetRequiredService<IOptions<Jamcart.Functions.Configuration.JamcartOptions>>().Value;
    await app.OpenStoreDatabaseAsync();
    Jamcart.Functions.Hosting.ListenAddresses.EnsureFree(app.Configuration);
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException invalid)
{
    // Settings are checked at start-up; say which are wrong, without a stack trace.
    foreach (var failure in invalid.Failures)
    {
        Console.Error.WriteLine($"jamcart functions: {failure}");
    }

    return 1;
}
catch (InvalidOperationException unreadable) when (Jamcart.Functions.Configuration.UnreadableSetting.Is(unreadable))
{
    Console.Error.WriteLine($"jamcart functions: {Jamcart.Functions.Configuration.UnreadableSetting.Describe(unreadable)}");
    return 1;
}
catch (IOException bind) when (bind.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException or System.Net.Sockets.SocketException)
{
    // Kestrel could not listen (the address is taken, or not this machine's): its message names the address.
    Console.Error.WriteLine($"jamcart functions: {bind.Message} Set another with ASPNETCORE_URLS.");
    return 1;
}
catch (Jamcart.Functions.Hosting.StoreDatabaseUnavailableException unavailable)
{
    // The reason in one line and a failing exit code, for a container or a service manager to restart the host on.
    Console.Error.WriteLine($"jamcart functions: {unavailable.Message}");
    return 1;
}
