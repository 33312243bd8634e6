using Jamcart.Payments.Sandbox.Api;

using Microsoft.Extensions.Primitives;

using Shouldly;

namespace Jamcart.Payments.Tests.Sandbox;

/// <summary>Stripe's bracket notation read from a form: maps, lists in both spellings, nesting.</summary>
public sealed class FormParametersTests
{
    private static FormParameters Parse(params (string Name, string Value)[] pairs) =>
        FormParameters.From(pairs.Select(p => new KeyValuePair<string, StringValues>(p.Name, p.Value)));

    [Fact]
    public void metadata_keys_become_a_map_and_empty_values_unset_them()
    {
        var form = Parse(("metadata[order_id]", "ord_1"), ("metadata[note]", "tea & cake"), ("metadata[gone]", ""));

        form.Map("metadata").ShouldBe(new Dictionary<string, string> { ["order_id"] = "ord_1", ["note"] = "tea & cake" });
    }

    [Fact]
    public void lists_read_the_same_from_empty_brackets_indexes_or_a_single_value()
    {
        Parse(("expand[]", "a"), ("expand[]", "b")).List("expand").ShouldBe(["a", "b"]);
        Parse(("expand[1]", "b"), ("expand[0]", "a")).List("expand").ShouldBe(["a", "b"]);
        Parse(("expand", "a")).List("expand").ShouldBe(["a"]);
        Parse(("expand", "")).List("expand").ShouldBeEmpty();
    }

    [Fact]
    public void nested_parameters_are_read_level_by_level()
    {
        var form = Parse(("card[number]", "4242"), ("billing_details[address][city]", "Seoul"), ("automatic_payment_methods[enabled]", "True"));

        form.Nested("card").String("number").ShouldBe("4242");
        form.Nested("billing_details").Nested("address").String("city").ShouldBe("Seoul");
        form.Nested("automatic_payment_methods").Bool("enabled").ShouldBe(true);
        form.Nested("shipping").String("name").ShouldBeNull();
    }

    [Fact]
    public void typed_values_fail_as_stripe_fails()
    {
        var form = Parse(("amount", "12.5"), ("confirm", "yes"), ("currency", ""));

        Should.Throw<SandboxApiException>(() => form.Long("amount")).Code.ShouldBe("parameter_invalid_integer");
        Should.Throw<SandboxApiException>(() => form.Bool("confirm")).Param.ShouldBe("confirm");
        Should.Throw<SandboxApiException>(() => form.NonEmptyString("currency")).Code.ShouldBe("parameter_invalid_empty");
    }

    [Fact]
    public void a_name_with_unclosed_brackets_is_taken_whole()
    {
        Parse(("odd[name", "x")).String("odd[name").ShouldBe("x");
    }
}
