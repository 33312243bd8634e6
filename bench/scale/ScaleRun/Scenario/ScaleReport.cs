using System.Globalization;
using System.Text.Json.Nodes;

namespace Jamcart.Bench.Scale;

/// <summary>What a run measured (figures) and what it checked (each check passed or failed, with the evidence).</summary>
internal sealed class ScaleReport
{
    private readonly List<(string Name, string Text)> _figures = [];
    private readonly List<(string Name, bool Passed, string Detail)> _checks = [];
    private readonly JsonObject _values = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_gate)
            {
                return [.. _checks.Where(check => !check.Passed).Select(check => $"{check.Name}: {check.Detail}")];
            }
        }
    }

    public int Checks
    {
        get
        {
            lock (_gate)
            {
                return _checks.Count;
            }
        }
    }

    /// <summary>A measured figure: a line of the summary, and its number in the JSON.</summary>
    public void Figure(string name, string text, double? value = null)
    {
        lock (_gate)
        {
            _figures.Add((name, text));
            if (value is { } number && !double.IsNaN(number))
            {
                _values[name] = Math.Round(number, 3);
            }
        }
    }

    /// <summary>A number for the JSON only (a detail of a figure already in the summary).</summary>
    public void Value(string name, double value)
    {
        lock (_gate)
        {
            if (!double.IsNaN(value))
            {
                _values[name] = Math.Round(value, 3);
            }
        }
    }

    public void Check(string name, bool passed, string detail)
    {
        lock (_gate)
        {
            _checks.Add((name, passed, detail));
        }
    }

    public string Summary()
    {
        lock (_gate)
        {
            var text = new System.Text.StringBuilder();
            text.AppendLine("figures");
            foreach (var (name, value) in _figures)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {name,-22} {value}");
            }

            text.AppendLine("checks");
            foreach (var (name, passed, detail) in _checks)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {(passed ? "ok  " : "FAIL")}  {name}: {detail}");
            }

            var failed = _checks.Count(check => !check.Passed);
            text.Append(CultureInfo.InvariantCulture, $"{_checks.Count} checks, {failed} failed");
            return text.ToString();
        }
    }

    public string Json()
    {
        lock (_gate)
        {
            var checks = new JsonArray([.. _checks.Select(check => new JsonObject
            {
                ["name"] = check.Name,
                ["passed"] = check.Passed,
                ["detail"] = check.Detail,
            })]);
            return new JsonObject { ["figures"] = _values.DeepClone(), ["checks"] = checks }.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        }
    }
}
