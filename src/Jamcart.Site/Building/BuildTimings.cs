using System.Diagnostics;

namespace Jamcart.Site;

/// <summary>Times the phases of a build, each from the end of the previous one.</summary>
internal sealed class BuildTimings
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string, TimeSpan)> _phases = [];
    private TimeSpan _last;

    public IReadOnlyList<(string Phase, TimeSpan Time)> Phases => _phases;

    public void Mark(string phase)
    {
        var now = _clock.Elapsed;
        _phases.Add((phase, now - _last));
        _last = now;
    }
}
