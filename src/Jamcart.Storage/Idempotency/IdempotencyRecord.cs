using Jamcart.Storage.Sql;

namespace Jamcart.Storage.Idempotency;

/// <summary>A row of <c>idempotency_records</c> as a claim reads it.</summary>
internal sealed record IdempotencyRecord(
    string RequestHash,
    bool Completed,
    DateTimeOffset? LockedUntil,
    int? StatusCode,
    string? ContentType,
    byte[]? Body,
    DateTimeOffset CreatedAt,
    long Revision,
    string? OrderId)
{
    public const string Columns = "request_hash, state, locked_until, status_code, content_type, body, created_at, revision, order_id";

    public static IdempotencyRecord Read(Row row) => new(
        row.Text("request_hash"),
        row.Text("state") == "completed",
        row.NullableTime("locked_until"),
        row.NullableInt("status_code"),
        row.NullableText("content_type"),
        row.Bytes("body"),
        row.Time("created_at"),
        row.Long("revision"),
        row.NullableText("order_id"));
}
