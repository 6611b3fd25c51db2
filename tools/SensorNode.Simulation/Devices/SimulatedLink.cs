using SensorNode.Core.Hardware;
using SensorNode.Simulation.Physics;

namespace SensorNode.Simulation.Devices;

/// <summary>Simulated Wi-Fi: association takes simulated time, and can be made to fail.</summary>
public sealed class SimulatedLink : INetworkLink
{
    private readonly SimulatedClock _clock;
    private int _failNext;

    /// <summary>Time an association takes, ms (static address ~0.3 s; DHCP ~1.6 s).</summary>
    public int AssociationMilliseconds { get; set; } = 300;

    /// <summary>The access point is out of reach: every connect times out.</summary>
    public bool Unreachable { get; set; }

    public bool IsUp { get; private set; }
    public int ConnectAttempts { get; private set; }
    public long RadioMilliseconds { get; private set; }
    private long _upSince;

    public SimulatedLink(SimulatedClock clock) => _clock = clock;

    /// <summary>Association runs SNTP and sets the RTC (false: a LAN without an SNTP answer, the clock stays unset).</summary>
    public bool SetsClock { get; set; } = true;

    /// <summary>When set, a connect fails at once unless it returns true (nanoCLR started no radio at this boot).</summary>
    public Func<bool>? RadioAvailable { get; set; }

    /// <summary>The next <paramref name="count"/> connects fail after the full timeout.</summary>
    public void FailNextConnects(int count) => _failNext = count;

    public bool Connect(int timeoutMilliseconds)
    {
        ConnectAttempts++;
        if (RadioAvailable != null && !RadioAvailable()) return false;
        if (Unreachable || _failNext > 0)
        {
            if (_failNext > 0) _failNext--;
            _clock.Awake(timeoutMilliseconds, PowerPhase.WifiAssociate);
            RadioMilliseconds += timeoutMilliseconds;
            return false;
        }
        int duration = System.Math.Min(AssociationMilliseconds, timeoutMilliseconds);
        _clock.Awake(duration, PowerPhase.WifiAssociate);
        RadioMilliseconds += duration;
        if (AssociationMilliseconds > timeoutMilliseconds || _clock.PowerLost) return false;
        // Association runs SNTP (requiresDateTime on the device): the RTC holds wall time again.
        if (SetsClock) _clock.SyncWallTime();
        IsUp = true;
        _upSince = _clock.NowUnixMilliseconds;
        return true;
    }

    public void Disconnect()
    {
        if (!IsUp) return;
        RadioMilliseconds += _clock.NowUnixMilliseconds - _upSince;
        IsUp = false;
    }
}
