using ScottPlot;
using SensorNode.Gateway.Faults;

namespace SensorNode.Cli.Faults;

/// <summary>The evidence for one room: its hourly medians against the peers' band (median ± 2 spreads), onset and alarm marked.</summary>
public static class FaultPlot
{
    public static void Save(FaultReport report, RoomVerdict room, string path)
    {
        var plot = new Plot();
        int hours = report.PeerMedian.Length;
        var bandX = new List<double>();
        var low = new List<double>();
        var high = new List<double>();
        var mid = new List<double>();
        for (int h = 0; h < hours; h++)
        {
            if (double.IsNaN(report.PeerMedian[h])) continue;
            bandX.Add(X(report.StartUnixSeconds + h * 3600L + 1800));
            mid.Add(report.PeerMedian[h]);
            low.Add(report.PeerMedian[h] - 2 * report.PeerSpread[h]);
            high.Add(report.PeerMedian[h] + 2 * report.PeerSpread[h]);
        }
        if (bandX.Count > 1)
        {
            var band = plot.Add.FillY(bandX.ToArray(), low.ToArray(), high.ToArray());
            band.FillStyle.Color = Colors.SteelBlue.WithAlpha(0.25);
            band.LegendText = "peers: median ± 2 spreads";
            var median = plot.Add.ScatterLine(bandX.ToArray(), mid.ToArray(), Colors.SteelBlue);
            median.LegendText = "peer median";
        }
        var xs = new List<double>();
        var ys = new List<double>();
        for (int h = 0; h < room.Hourly.Length; h++)
        {
            if (double.IsNaN(room.Hourly[h])) continue;
            xs.Add(X(report.StartUnixSeconds + h * 3600L + 1800));
            ys.Add(room.Hourly[h]);
        }
        if (xs.Count > 0)
        {
            var points = plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray(), Colors.OrangeRed);
            points.MarkerSize = 3;
            points.LegendText = $"{room.Room} (hourly median, {room.HoursWithData} of {hours} h with data)";
        }
        if (room.Flagged)
        {
            var onset = plot.Add.VerticalLine(X(report.DayStart(room.OnsetDay)), 1, Colors.Gray);
            onset.LegendText = "estimated onset";
            var alarm = plot.Add.VerticalLine(X(report.DayStart(room.AlarmDay + 1)), 2, Colors.Red);
            alarm.LegendText = "alarm (end of day)";
        }
        // ISO dates, not the library's US default ("11/04/2024").
        plot.Axes.DateTimeTicksBottom().TickGenerator = new ScottPlot.TickGenerators.DateTimeAutomatic
        {
            LabelFormatter = t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        };
        plot.Title($"{room.Room}: {(room.Flagged ? room.Describe() : "follows its peers")}");
        plot.YLabel("temperature (degC)");
        plot.XLabel("date (local)");
        plot.ShowLegend(Edge.Bottom);
        plot.SavePng(path, 1200, 600);
    }

    private static double X(long unixSeconds) => DateTime.UnixEpoch.AddSeconds(unixSeconds).ToOADate();
}
