using Jamcart.Storage.Sql;

using Shouldly;

namespace Jamcart.Storage.Tests.Unit;

public sealed class SqlTextTests
{
    [Theory]
    [InlineData("")]
    [InlineData("plain text")]
    [InlineData("\0")]
    [InlineData("\0\0\u0001\u0001")]
    [InlineData("\u0001")]
    [InlineData("\u00010")]
    [InlineData("a\u0001b")]
    [InlineData("ends with the marker\u0001")]
    [InlineData("emoji 🍵 and \0 nul")]
    public void text_reads_back_as_written(string text)
    {
        var stored = SqlText.Encode(text);

        SqlText.Decode(stored).ShouldBe(text);
        stored.ShouldNotContain('\0');
    }

    [Theory]
    [InlineData("buyer@example.com")]
    [InlineData("a\u0001b")]
    public void text_without_nul_or_a_leading_marker_is_stored_unchanged(string text) =>
        SqlText.Encode(text).ShouldBeSameAs(text);
}
