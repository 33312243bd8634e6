namespace Jamcart.Payments.Stripe.Wire;

/// <summary>A page of Stripe's refund list (<c>GET /v1/refunds</c>): <c>{"object":"list","data":[…],"has_more":…}</c>.</summary>
internal sealed class RefundListObject
{
    public List<RefundObject>? Data { get; init; }

    public bool HasMore { get; init; }
}
