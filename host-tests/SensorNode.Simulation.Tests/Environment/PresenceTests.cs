using SensorNode.Simulation.Environment;

namespace SensorNode.Simulation.Tests.Environment;

/// <summary>The synthetic environments' ground truth (docs/occupancy.md): people present, motion only while they are.</summary>
public class PresenceTests
{
    private const long Monday = 1_704_067_200; // 2024-01-01 00:00, a Monday
    private const int Day = 86_400;

    [Theory]
    [InlineData(SyntheticProfileKind.Office)]
    [InlineData(SyntheticProfileKind.Corridor)]
    [InlineData(SyntheticProfileKind.WindowSide)]
    public void Motion_HappensWhilePresent_ExceptAFewStrayTriggers(SyntheticProfileKind kind)
    {
        EnvironmentTrace trace = SyntheticEnvironment.Generate(kind, Monday, 28, seed: 5);
        PresenceTruth presence = trace.Presence!;

        int stray = trace.MotionEventUnixSeconds.Count(t => !presence.IsPresent(t));
        Assert.True(presence.Starts.Length > 20, $"{presence.Starts.Length} presence intervals in 28 days");
        // The stray rate is the old empty-day curve: 3 a day at most, while people make tens a day.
        Assert.InRange(stray, 0, 3 * 28);
        Assert.True(trace.MotionEventUnixSeconds.Length > 10 * stray, $"{stray} stray of {trace.MotionEventUnixSeconds.Length}");
    }

    [Fact]
    public void Office_HasLunchesAndMeetings_AndEmptyNights()
    {
        EnvironmentTrace trace = SyntheticEnvironment.Generate(SyntheticProfileKind.Office, Monday, 28, seed: 6);
        PresenceTruth presence = trace.Presence!;

        Assert.All(Enumerable.Range(0, 28), d => Assert.False(presence.IsPresent(Monday + (long)d * Day + 3 * 3600)));
        // More intervals than occupied days: the day is cut by lunch and meetings.
        int occupiedDays = presence.Starts.Select(s => (s - Monday) / Day).Distinct().Count();
        Assert.True(presence.Starts.Length > occupiedDays * 1.5, $"{presence.Starts.Length} intervals on {occupiedDays} days");
        Assert.InRange(presence.PresentSeconds(Monday, Monday + 28L * Day) / 3600.0 / occupiedDays, 3, 10);
    }

    [Fact]
    public void Presence_DoesNotChangeTheOfficeLight_AndALongerTraceStartsWithTheShorterTruth()
    {
        EnvironmentTrace shorter = SyntheticEnvironment.Generate(SyntheticProfileKind.Office, Monday, 7, seed: 7);
        EnvironmentTrace longer = SyntheticEnvironment.Generate(SyntheticProfileKind.Office, Monday, 14, seed: 7);

        Assert.Equal(shorter.IlluminanceLux, longer.IlluminanceLux[..shorter.StepCount]);
        PresenceTruth clipped = longer.Presence!.Clip(shorter.StartUnixSeconds, shorter.EndUnixSeconds);
        Assert.Equal(shorter.Presence!.Starts, clipped.Starts);
        Assert.Equal(shorter.Presence.Ends, clipped.Ends);
    }

    [Fact]
    public void Slice_ClipsThePresence_AndRealTracesHaveNone()
    {
        EnvironmentTrace trace = SyntheticEnvironment.Generate(SyntheticProfileKind.Office, Monday, 14, seed: 8);
        EnvironmentTrace week2 = trace.Slice(7, 13);

        Assert.All(week2.Presence!.Starts, s => Assert.True(s >= week2.StartUnixSeconds));
        Assert.Equal(trace.Presence!.PresentSeconds(week2.StartUnixSeconds, week2.EndUnixSeconds),
            week2.Presence.PresentSeconds(week2.StartUnixSeconds, week2.EndUnixSeconds));
    }

    [Fact]
    public void SlotsCsv_MarksASlotOccupied_WhenPresentForHalfOfIt()
    {
        var presence = new PresenceTruth([Monday + 600], [Monday + 1500]);
        var text = new StringWriter();

        presence.WriteSlotsCsv(text, Monday, Monday + 2700, 900);

        string[] lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("slot_start_unix_s,slot_start,present_s,occupied,arrivals,departures", lines[0].TrimEnd());
        Assert.EndsWith(",300,0,1,0", lines[1].TrimEnd());   // 300 s of 900: not occupied, one arrival
        Assert.EndsWith(",600,1,0,1", lines[2].TrimEnd());   // 600 s of 900: occupied, one departure
        Assert.EndsWith(",0,0,0,0", lines[3].TrimEnd());
        Assert.Throws<ArgumentException>(() => new PresenceTruth([5, 4], [6, 7]));
    }
}
