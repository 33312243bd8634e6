namespace Jamcart.Worker;

/// <summary>
/// What a background loop that polls the outbox waits on: the poll interval, or a wake-up from this process (an
/// order was just paid here), whichever comes first.
/// </summary>
internal sealed class WakeSignal(TimeProvider time)
{
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Ends the current wait now, or the next one at once when no one waits.</summary>
    public void Wake() => _wake.TrySetResult();

    /// <summary>Waits for <paramref name="poll"/> or a <see cref="Wake"/>; throws when <paramref name="stop"/> is cancelled.</summary>
    public async Task WaitAsync(TimeSpan poll, CancellationToken stop)
    {
        var wake = _wake;
        await Task.WhenAny(wake.Task, Task.Delay(poll, time, stop));
        stop.ThrowIfCancellationRequested();
        if (wake.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), wake);
        }
    }

    /// <summary>Waits <paramref name="delay"/>, returning early and quietly when <paramref name="stop"/> is cancelled.</summary>
    public async Task PauseAsync(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, time, stop);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
