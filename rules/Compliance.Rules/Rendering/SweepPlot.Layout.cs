using Compliance.Rules.Analysis;

namespace Compliance.Rules.Rendering;

internal static partial class SweepPlot
{
    /// <summary>The x axis: the swept values on a log scale when they span two orders of magnitude, else linear.</summary>
    private sealed record Scale(double Low, double High, bool Log, double Left, double Right)
    {
        public static Scale Of(SweepResult sweep)
        {
            var values = sweep.Points.Select(p => p.Value).ToList();
            var log = values.Count > 0 && values.All(v => v > 0) && values.Max() / values.Min() >= 100;
            return values.Count == 0 ? new Scale(0, 1, false, 0, 1) : new Scale(values.Min(), values.Max(), log, 0, 1);
        }

        private double T(double v) => Log ? Math.Log10(v) : v;

        public double X(double v) => High == Low ? (Left + Right) / 2 : Left + (T(v) - T(Low)) / (T(High) - T(Low)) * (Right - Left);

        public bool Contains(double v) => (!Log || v > 0) && v >= Low && v <= High;

        /// <summary>Powers of ten on a log scale, round steps on a linear one; thinned so that no two labels touch.</summary>
        public List<double> Ticks(double fontSize)
        {
            var ticks = new List<double>();
            if (Log)
            {
                for (var power = Math.Ceiling(Math.Log10(Low) - 1e-9); power <= Math.Floor(Math.Log10(High) + 1e-9) && ticks.Count < 400; power++)
                {
                    ticks.Add(double.Parse($"1e{power}", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            else if (High > Low)
            {
                var step = NiceStep((High - Low) / 6);
                for (var tick = Math.Ceiling(Low / step) * step; tick <= High + step * 1e-9 && ticks.Count < 400; tick += step)
                {
                    ticks.Add(Math.Round(tick / step) * step);
                }
            }
            if (ticks.Count < 2)
            {
                ticks = [Low, High];
                ticks = [.. ticks.Distinct()];
            }
            var widest = ticks.Max(t => PlotText.Width(ShortNumber.Of(t), fontSize)) + 10;
            var room = Math.Max(Right - Left, 1) / widest;
            var every = (int)Math.Ceiling(ticks.Count / Math.Max(room, 1));
            return [.. ticks.Where((_, i) => i % Math.Max(every, 1) == 0)];
        }
    }

    /// <summary>1, 2 or 5 times a power of ten: the step a reader counts in.</summary>
    private static double NiceStep(double rough)
    {
        if (!(rough > 0))
        {
            return 1;
        }
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / power;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
    }

    /// <summary>The y axis, from zero to a round number at or above the most any definition could cover, in round steps.</summary>
    private sealed record YAxis(double Max, IReadOnlyList<double> Ticks)
    {
        public static YAxis Of(SweepResult sweep)
        {
            var most = sweep.Points.SelectMany(p => p.Counts.Values).Select(c => c.True + c.Unknown).DefaultIfEmpty(0).Max();
            var step = Math.Max(1, NiceStep(Math.Max(most, 1) / 5.0));
            var max = Math.Max(step, Math.Ceiling(most / step) * step);
            return new YAxis(max, [.. Enumerable.Range(0, (int)Math.Round(max / step) + 1).Select(i => i * step)]);
        }
    }

    /// <summary>The numbered circles above the plot, one per step with flips, in as many rows as they need not to overlap.</summary>
    private sealed record Callouts(int Rows, IReadOnlyList<int> Row)
    {
        public const double RowHeight = 20;
        private const double Diameter = 18;

        public static Callouts Place(List<double> xs)
        {
            var lastInRow = new List<double>();
            var rows = new int[xs.Count];
            for (var k = 0; k < xs.Count; k++)
            {
                var row = lastInRow.FindIndex(last => xs[k] - last >= Diameter);
                if (row < 0)
                {
                    row = lastInRow.Count;
                    lastInRow.Add(xs[k]);
                }
                lastInRow[row] = xs[k];
                rows[k] = row;
            }
            return new Callouts(lastInRow.Count, rows);
        }
    }
}
