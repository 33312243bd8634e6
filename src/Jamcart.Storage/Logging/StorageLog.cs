using Microsoft.Extensions.Logging;

namespace Jamcart.Storage.Logging;

/// <summary>What the storage layer tells an operator. Never connection strings, e-mail addresses, tokens or secrets.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Store database ({Kind}) opened")]
    public static partial void Opened(ILogger logger, DatabaseKind kind);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Store database ({Kind}): applied migration {Migration}")]
    public static partial void MigrationApplied(ILogger logger, DatabaseKind kind, string migration);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Store database ({Kind}) gave up a transaction because of a concurrent one ({Code})")]
    public static partial void Conflict(ILogger logger, DatabaseKind kind, string code);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Idempotency record {Scope} was no longer in progress when its answer was stored (its lease ran out)")]
    public static partial void IdempotencyClaimLost(ILogger logger, string scope);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Store database (SQLite): a background checkpoint failed ({Error}); the writer's own checkpoints continue")]
    public static partial void CheckpointFailed(ILogger logger, string error);
}
