namespace Jamcart.Bench.LoadGen;

/// <summary>Starts every buyer's request at the same moment, as a flash sale's buyers arrive.</summary>
internal static class AtOnce
{
    public static async Task<Sample[]> RunAsync(int buyers, Func<Task<Sample>> buy, CancellationToken cancellationToken)
    {
        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, buyers).Select(async _ =>
        {
            await start.WaitAsync(cancellationToken);
            return await buy();
        }).ToList();
        start.Release(buyers);
        return await Task.WhenAll(tasks);
    }
}
