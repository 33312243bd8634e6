namespace Jamcart.Bench.Scale;

/// <summary>One line a child process wrote, and when the run read it.</summary>
internal readonly record struct OutputLine(DateTimeOffset At, string Text);
