using System.Reflection;

using Microsoft.Extensions.Logging;

using Shouldly;

namespace Jamcart.Cli.Tests;

/// <summary>
/// Every log line Jamcart writes has an event id of its own, from its part's range (docs/logging.md): an operator's
/// alert on <c>[101]</c> must not follow a line to another meaning, nor meet an id the compiler made up from a method name.
/// </summary>
public sealed class LogEventIdTests
{
    private static readonly (string Assembly, int From, int To)[] Ranges =
    [
        ("Jamcart.Storage", 1, 49),
        ("Jamcart.Payments", 50, 99),
        ("Jamcart.Checkout", 100, 199),
        ("Jamcart.Functions", 200, 299),
        ("Jamcart.Worker", 300, 399),
        ("jamcart", 400, 499),
    ];

    [Fact]
    public void every_log_message_has_an_id_of_its_own_in_its_part_s_range()
    {
        var messages = Ranges.SelectMany(range => LogMessages(Assembly.Load(range.Assembly))
            .Select(message => (range, message.Method, message.Attribute.EventId))).ToList();

        messages.Count.ShouldBeGreaterThan(60);
        messages.Where(m => m.EventId < m.range.From || m.EventId > m.range.To)
            .Select(m => $"{m.Method.DeclaringType}.{m.Method.Name}: {m.EventId}")
            .ShouldBeEmpty();
        messages.GroupBy(m => m.EventId).Where(group => group.Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(", ", group.Select(m => $"{m.Method.DeclaringType}.{m.Method.Name}"))}")
            .ShouldBeEmpty();
    }

    private static IEnumerable<(MethodInfo Method, LoggerMessageAttribute Attribute)> LogMessages(Assembly assembly) =>
        assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(method => (method, attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(pair => pair.attribute is not null)
            .Select(pair => (pair.method, pair.attribute!));
}
