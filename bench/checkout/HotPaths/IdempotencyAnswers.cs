using BenchmarkDotNet.Attributes;

using Jamcart.Checkout.Idempotency;
using Jamcart.Storage.Idempotency;

namespace Jamcart.Bench.HotPaths;

/// <summary>
/// What a keyed checkout's idempotency record costs to write, with the key fingerprinted and the answer sealed
/// (<see cref="SealedAnswers"/>: twice SHA-256 for the claim and the completion, HKDF and AES-GCM once) against keeping
/// both as sent (a copy of the body); and what opening it costs on a replay.
/// </summary>
[MemoryDiagnoser]
public class IdempotencyAnswers
{
    private static readonly IdempotencyKey Key = new("POST /api/checkout", "6f1c1c4e-2b1d-4d0e-9a55-6d9a3b0e7c21");

    // The size of the benchmark store's 201 answer: order id and token, totals, one line, address, payment.
    private readonly byte[] _answer = new byte[1_150];
    private byte[] _sealed = [];

    [GlobalSetup]
    public void Setup()
    {
        new Random(7).NextBytes(_answer);
        _sealed = SealedAnswers.Seal(Key, _answer);
    }

    [Benchmark(Baseline = true, Description = "kept as sent")]
    public (string, byte[]) AsSent() => (Key.Key, _answer.AsSpan().ToArray());

    [Benchmark(Description = "fingerprinted and sealed")]
    public (string, string, byte[]) Sealed() => (SealedAnswers.Fingerprint(Key), SealedAnswers.Fingerprint(Key), SealedAnswers.Seal(Key, _answer));

    [Benchmark(Description = "opened for a replay")]
    public (string, byte[]) Opened() => (SealedAnswers.Fingerprint(Key), SealedAnswers.Open(Key, _sealed));
}
