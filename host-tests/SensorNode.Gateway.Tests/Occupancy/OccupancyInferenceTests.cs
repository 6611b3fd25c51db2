using SensorNode.Gateway.Occupancy;

namespace SensorNode.Gateway.Tests.Occupancy;

public class OccupancyInferenceTests
{
    private const long T0 = 1_727_690_400; // a Monday 10:00
    // Hold 20 min, vacant after 20 min watched (the defaults are 40: these tests are about the mechanics).
    private static readonly OccupancyParameters Rules = new() { OccupiedHoldSeconds = 1200, VacantAfterWatchedSeconds = 1200 };

    private static OccupancyObservation Reading(long t, int? armed, int motion = 0, bool brownout = false, long? nextWake = null) =>
        new(t, armed, motion, brownout, t, nextWake);

    private static OccupancyInference Fed(params OccupancyObservation[] readings)
    {
        var inference = new OccupancyInference(Rules);
        foreach (OccupancyObservation r in readings) Assert.True(inference.Add(r));
        return inference;
    }

    [Fact]
    public void Motion_IsOccupied_ForTheHold()
    {
        OccupancyInference inference = Fed(Reading(T0, 600, motion: 1));

        Assert.Equal(OccupancyState.Occupied, inference.Decide(T0 + 19 * 60).State);
        Assert.StartsWith("motion 19 min ago", inference.Decide(T0 + 19 * 60).Evidence);
        Assert.NotEqual(OccupancyState.Occupied, inference.Decide(T0 + 21 * 60).State);
    }

    [Fact]
    public void WatchedTwentyMinutesWithoutMotion_IsVacant()
    {
        // Motion at T0, then two armed 5-min sleeps and one 10-min sleep without motion (each wake a few seconds).
        OccupancyInference inference = Fed(Reading(T0, 300, motion: 1), Reading(T0 + 305, 300), Reading(T0 + 610, 300), Reading(T0 + 1215, 600));

        OccupancyDecision decision = inference.Decide(T0 + 1215);
        Assert.Equal(OccupancyState.Vacant, decision.State);
        Assert.Equal(1215, decision.WatchedSeconds);
        Assert.Equal("watched 20 min without motion", decision.Evidence);
    }

    [Fact]
    public void DisarmedSleep_IsUnknown_NotVacant_AndTheNaiveReadingSaysVacant()
    {
        OccupancyInference inference = Fed(Reading(T0, 300, motion: 1), Reading(T0 + 3600, 0));

        OccupancyDecision decision = inference.Decide(T0 + 3600);
        Assert.Equal(OccupancyState.Unknown, decision.State);
        Assert.Equal("blind: PIR disarmed", decision.Evidence);
        Assert.Equal(OccupancyState.Vacant, inference.DecideNaive(T0 + 3600));
    }

    [Fact]
    public void Brownout_BreaksTheWatchedStretch()
    {
        OccupancyInference inference = Fed(Reading(T0, 3600), Reading(T0 + 7200, 0, brownout: true));

        OccupancyDecision decision = inference.Decide(T0 + 7200);
        Assert.Equal(OccupancyState.Unknown, decision.State);
        Assert.Equal("blind: brown-out", decision.Evidence);
    }

    [Fact]
    public void UnknownCoverage_OfAnOlderPayload_IsNeverVacant()
    {
        OccupancyInference inference = Fed(Reading(T0, null), Reading(T0 + 3600, null));

        Assert.Equal(OccupancyState.Unknown, inference.Decide(T0 + 3600).State);
        Assert.Equal("blind: coverage unknown", inference.Decide(T0 + 3600).Evidence);
    }

    [Fact]
    public void Vacant_TurnsUnknown_WhenTheAnnouncedWakePasses()
    {
        OccupancyInference inference = Fed(Reading(T0, 3600, nextWake: T0 + 600));

        Assert.Equal(OccupancyState.Vacant, inference.Decide(T0 + 600).State);
        OccupancyDecision late = inference.Decide(T0 + 600 + Rules.NextWakeGraceSeconds + 1);
        Assert.Equal(OccupancyState.Unknown, late.State);
        Assert.StartsWith("no news since", late.Evidence);
    }

    [Fact]
    public void VacantWithoutACommitment_StandsAnHourAfterTheReading_ThoughTheAnnouncedWakeIsLater()
    {
        // Watched an hour without motion, next wake announced 2 h ahead: the node would not report a motion meanwhile.
        OccupancyInference inference = Fed(Reading(T0, 3600, nextWake: T0 + 7200));

        Assert.Equal(OccupancyState.Vacant, inference.Decide(T0 + Rules.UncommittedVacantSeconds).State);
        OccupancyDecision after = inference.Decide(T0 + Rules.UncommittedVacantSeconds + 1);
        Assert.Equal(OccupancyState.Unknown, after.State);
        Assert.StartsWith("vacant at", after.Evidence);
        Assert.Equal(T0 + Rules.UncommittedVacantSeconds + 1, inference.NextChangeUnixSeconds(T0 + 60));   // the gateway's timer flips it then
    }

    [Fact]
    public void VacantUnderAQuietCommitment_OutlastsTheHour()
    {
        OccupancyInference inference = Fed(Committed(T0, 3600, T0 + 4 * 3600, active: false));

        Assert.Equal(OccupancyState.Vacant, inference.Decide(T0 + 2 * 3600).State);
    }

    [Fact]
    public void PresumeWatching_CountsTheSleepSinceTheNewestReading_OnlyWhenAskedFor()
    {
        OccupancyObservation[] readings = [Reading(T0, 300, motion: 1), Reading(T0 + 600, 600)];
        var presuming = new OccupancyInference(Rules with { PresumeWatchingWhileAsleep = true });
        foreach (OccupancyObservation r in readings) presuming.Add(r);

        Assert.Equal(OccupancyState.Unknown, Fed(readings).Decide(T0 + 1300).State);
        Assert.Equal(OccupancyState.Vacant, presuming.Decide(T0 + 1300).State);
    }

    private static OccupancyObservation Committed(long t, int? armed, long until, bool active, int motion = 0) =>
        new(t, armed, motion, false, t, null, until, active);

    [Fact]
    public void QuietCommitment_CountsTheSleepAsWatched_UntilItEnds_ThenUnknown()
    {
        // Motion at T0; the node reports quiet at T0 + 600 (watched 10 min) with a 2 h commitment.
        OccupancyInference inference = Fed(Reading(T0, 300, motion: 1), Committed(T0 + 600, 600, T0 + 7800, active: false));

        Assert.Equal(OccupancyState.Occupied, inference.Decide(T0 + 1100).State);  // motion 18 min ago
        OccupancyDecision vacant = inference.Decide(T0 + 1300);
        Assert.Equal(OccupancyState.Vacant, vacant.State);
        Assert.Equal(1300, vacant.WatchedSeconds);
        Assert.Equal(OccupancyState.Vacant, inference.Decide(T0 + 7800).State);
        OccupancyDecision ended = inference.Decide(T0 + 7800 + Rules.NextWakeGraceSeconds + 1);
        Assert.Equal(OccupancyState.Unknown, ended.State);
        Assert.StartsWith("watch ended", ended.Evidence);
    }

    [Fact]
    public void ActiveCommitment_IsOccupied_PastTheHold_UntilTheNodeReportsQuiet()
    {
        OccupancyInference inference = Fed(Committed(T0, 300, T0 + 7200, active: true, motion: 1));

        Assert.Equal(OccupancyState.Occupied, inference.Decide(T0 + 3000).State);
        Assert.Equal("motion, node watching", inference.Decide(T0 + 3000).Evidence);
        Assert.True(inference.Add(Committed(T0 + 3600, 1200, T0 + 10800, active: false)));   // last motion at T0 + 2400
        Assert.Equal(OccupancyState.Vacant, inference.Decide(T0 + 3600).State);
    }

    [Fact]
    public void AReadingWithoutACommitment_EndsThePresumption()
    {
        OccupancyInference inference = Fed(Committed(T0, 1800, T0 + 7200, active: false), Reading(T0 + 600, 0));

        Assert.Equal(OccupancyState.Unknown, inference.Decide(T0 + 1800).State);
    }

    [Fact]
    public void AsTaken_AnArmedIntervalReportedLater_CountsFromWhereItWasWatched()
    {
        // Motion at T0, then one armed 2 h sleep ended by motion: the room was watched empty in between.
        OccupancyObservation[] readings = [Reading(T0, 300, motion: 1), Reading(T0 + 7200, 7200, motion: 1)];
        long[] times = [T0 + 600, T0 + 1500, T0 + 7100];

        OccupancyDecision[] asTaken = OccupancySeries.DecideAt(readings, times, Rules, live: false).Decisions;
        OccupancyDecision[] live = OccupancySeries.DecideAt(readings, times, Rules, live: true).Decisions;

        Assert.Equal(OccupancyState.Occupied, asTaken[0].State);       // motion 10 min ago
        Assert.Equal(OccupancyState.Vacant, asTaken[1].State);         // watched 25 min since the motion
        Assert.Equal(1500, asTaken[1].WatchedSeconds);
        Assert.Equal(OccupancyState.Vacant, asTaken[2].State);
        Assert.All(live.Skip(1), d => Assert.Equal(OccupancyState.Unknown, d.State));   // nobody knew yet
    }

    // A reading of a node with the event RTC: motion counted during a sleep that did not wake for it, stamped by the RTC.
    private static OccupancyObservation Counted(long t, int armed, int motion, int? firstAge, int lastAge) =>
        new(t, armed, motion, false, t, FirstMotionAgeSeconds: firstAge, LastMotionAgeSeconds: lastAge);

    [Fact]
    public void RtcStamp_PlacesTheLastMotion_SoTheQuietAfterItCounts()
    {
        // A 2 h counting sleep whose last motion was 90 min before the wake: the hold ran out long ago and the room was
        // watched 90 min without motion. Placed at the wake (no stamp), the same reading says occupied.
        OccupancyInference stamped = Fed(Reading(T0, 300), Counted(T0 + 7200, 7200, 3, null, 5400));
        OccupancyInference unstamped = Fed(Reading(T0, 300), Reading(T0 + 7200, 7200, motion: 3));

        OccupancyDecision decision = stamped.Decide(T0 + 7200);
        Assert.Equal(OccupancyState.Vacant, decision.State);
        Assert.Equal(5400, decision.WatchedSeconds);
        Assert.Equal(OccupancyState.Occupied, unstamped.Decide(T0 + 7200).State);
        // Stamped 10 min before the wake: still inside the 20 min hold.
        Assert.Equal(OccupancyState.Occupied, Fed(Reading(T0, 300), Counted(T0 + 7200, 7200, 3, null, 600)).Decide(T0 + 7200).State);
    }

    [Fact]
    public void AsTaken_MotionTheRtcCounted_EndsTheQuietWhereItWasStamped_AndIsUnknownWhereItWasNot()
    {
        // Quiet from T0 (the PIR watched), then a 2 h counting sleep: one motion stamped 60 min before its end (first
        // = last), or three with only the last stamped (the first could be anywhere in the sleep).
        OccupancyObservation quiet = Reading(T0, 3600);
        long[] times = [T0 + 1800, T0 + 3700, T0 + 6000];

        OccupancyDecision[] one = OccupancySeries.DecideAt([quiet, Counted(T0 + 7200, 7200, 1, 3600, 3600)], times, Rules, live: false).Decisions;
        OccupancyDecision[] three = OccupancySeries.DecideAt([quiet, Counted(T0 + 7200, 7200, 3, null, 3600)], times, Rules, live: false).Decisions;

        Assert.Equal(OccupancyState.Vacant, one[0].State);        // before the stamped motion: watched empty
        Assert.Equal(OccupancyState.Occupied, one[1].State);      // after it
        Assert.Equal(OccupancyState.Occupied, one[2].State);
        Assert.All(three, d => Assert.NotEqual(OccupancyState.Vacant, d.State)); // when the motion began is not known
    }

    [Fact]
    public void StoredReadings_CarryTheRtcStamps_ToTheRules()
    {
        StoredReading[] rows =
        [
            new("n1", 1, T0, null, null, null, null, 0, T0 * 1000, 3600),
            new("n1", 2, T0 + 7200, null, null, null, null, 3, (T0 + 7200) * 1000, 7200) { LastMotionAgeSeconds = 5400 },
        ];

        List<OccupancyObservation> observed = RoomOccupancy.Observations(rows, null);
        Assert.Equal(5400, observed[1].LastMotionAgeSeconds);
        Assert.Null(observed[1].FirstMotionAgeSeconds);
        OccupancyInference inference = Fed([.. observed]);
        Assert.Equal(OccupancyState.Vacant, inference.Decide(T0 + 7200).State);   // 90 min quiet after the stamped motion
    }

    [Fact]
    public void AsTaken_ADisarmedIntervalIsNoEvidence()
    {
        OccupancyObservation[] readings = [Reading(T0, 300, motion: 1), Reading(T0 + 7200, 0)];

        Assert.NotEqual(OccupancyState.Vacant, OccupancySeries.DecideAt(readings, [T0 + 3600], Rules, live: false).Decisions[0].State);
    }

    [Fact]
    public void StoredReadings_TakeTheAnnouncedCommitment_OnlyOnTheReadingItCameWith()
    {
        StoredReading[] rows = [new("n1", 1, T0, null, null, null, null, 1, T0 * 1000, 300), new("n1", 2, T0 + 600, null, null, null, null, 0, (T0 + 600) * 1000, 600)];

        List<OccupancyObservation> committed = RoomOccupancy.Observations(rows, null, new WatchAnnouncement(T0 + 600, 7200, false));
        Assert.Equal(T0 + 7800, committed[^1].WatchUntilUnixSeconds);
        Assert.Null(committed[0].WatchUntilUnixSeconds);
        // Announced with an older pack (a newer reading came without it): not this reading's.
        Assert.Null(RoomOccupancy.Observations(rows, null, new WatchAnnouncement(T0, 7200, false))[^1].WatchUntilUnixSeconds);
    }

    [Fact]
    public void Add_RefusesAnOlderReading()
    {
        OccupancyInference inference = Fed(Reading(T0, 300));

        Assert.False(inference.Add(Reading(T0 - 60, 300, motion: 1)));
        Assert.NotEqual(OccupancyState.Occupied, inference.Decide(T0).State);
    }

    [Fact]
    public void Coverage_AddsTheArmedIntervalsInsideAWindow()
    {
        var coverage = new OccupancySeries.Coverage([Reading(T0, 300), Reading(T0 + 600, 0), Reading(T0 + 1200, 600), Reading(T0 + 1800, 600, brownout: true)]);

        Assert.Equal(300 + 600, coverage.WatchedSeconds(T0 - 1000, T0 + 5000));
        Assert.Equal(150, coverage.WatchedSeconds(T0 - 150, T0 + 300));
    }

    [Fact]
    public void Evaluation_CountsFalseVacant_OnlyWhereTheTruthWasOccupied()
    {
        // Somebody present 10:00-12:00 sitting still; the node watches without motion from 10:00: declared vacant at 10:20.
        var readings = Enumerable.Range(1, 24).Select(i => Reading(T0 + i * 300L, 300)).ToList();
        (OccupancyScore inferred, OccupancyScore naive) = OccupancyEvaluation.Evaluate(readings, [T0], [T0 + 7200], T0, T0 + 7200,
            Rules, new HvacOccupiedPeriod());

        Assert.Equal(8, inferred.OccupiedSlots);
        Assert.True(inferred.FalseVacantFraction > 0.5, $"false vacant {inferred.FalseVacantFraction}");
        Assert.Equal(1.0, naive.FalseVacantFraction);
        Assert.Equal(0, inferred.FalseOccupiedFraction);
    }

    [Fact]
    public void Schedule_ParsesHoursAndWeekends_AndRejectsNonsense()
    {
        HvacOccupiedPeriod schedule = HvacOccupiedPeriod.Parse("08-18,weekends");
        Assert.Equal(8, schedule.StartHour);
        Assert.True(schedule.Weekends);
        Assert.True(new HvacOccupiedPeriod().Contains(T0));             // Monday 10:00
        Assert.False(new HvacOccupiedPeriod().Contains(T0 + 5 * 86_400)); // Saturday
        Assert.Throws<FormatException>(() => HvacOccupiedPeriod.Parse("19-07"));
    }
}
