using SensorNode.Simulation.Devices;
using SensorNode.Simulation.Environment;
using SensorNode.Simulation.Physics;

namespace SensorNode.Simulation.Simulator;

/// <summary>
/// Connects a waking node to the physics: every awake millisecond the simulated clock reports is drawn from the
/// supercap at that phase's current (with the light of that moment still harvesting), and the node browns out
/// when the supercap, less the ESR drop at the phase's peak current, falls below the brown-out voltage.
/// </summary>
public sealed class PowerRail
{
    private readonly SupercapPhysics _supercap;
    private readonly PhotovoltaicHarvester _harvester;
    private readonly HardwareProfile _profile;
    private readonly EnvironmentTrace _environment;
    private readonly SimulatedClock _clock;
    private readonly double _esrOhms;
    private readonly double _brownoutVolts;

    /// <summary>Fault injection: the next radio phase browns the node out whatever the charge.</summary>
    public bool FailNextRadio { get; set; }

    public PowerRail(SupercapPhysics supercap, PhotovoltaicHarvester harvester, HardwareProfile profile, EnvironmentTrace environment, SimulatedClock clock)
    {
        _supercap = supercap;
        _harvester = harvester;
        _profile = profile;
        _environment = environment;
        _clock = clock;
        _esrOhms = profile.SupercapEsrMilliohms / 1000.0;
        _brownoutVolts = profile.BrownoutMillivolts / 1000.0;
        clock.OnAwake = Draw;
    }

    /// <summary>Load current of a phase, A.</summary>
    public double Amps(PowerPhase phase) => phase switch
    {
        PowerPhase.Sleep => _profile.DeepSleepMicroamps * 1e-6,
        PowerPhase.Boot => _profile.BootMilliamps / 1000.0,
        PowerPhase.WifiAssociate or PowerPhase.MqttConnect or PowerPhase.MqttPublish => _profile.RadioMilliamps / 1000.0,
        PowerPhase.BootAssociate => _profile.BootAssociateMilliamps / 1000.0,
        _ => _profile.ActiveMilliamps / 1000.0,
    };

    private static bool IsRadio(PowerPhase phase) => phase is PowerPhase.WifiAssociate or PowerPhase.MqttConnect or PowerPhase.MqttPublish or PowerPhase.BootAssociate;

    private void Draw(PowerPhase phase, long milliseconds)
    {
        if (_clock.PowerLost) return;
        double amps = Amps(phase);
        double lux = _environment.IlluminanceAt(_clock.NowUnixMilliseconds / 1000);
        _supercap.Advance(milliseconds / 1000.0, _harvester.ChargeWatts(lux), amps, phase);
        bool radio = IsRadio(phase);
        double peakAmps = radio ? _profile.RadioPeakMilliamps / 1000.0 : amps;
        // FailNextRadio is aimed at the firmware's own radio phases, not nanoCLR's boot-time association.
        if (radio && FailNextRadio && phase != PowerPhase.BootAssociate)
        {
            FailNextRadio = false;
            _clock.PowerLost = true;
            return;
        }
        if (_supercap.Volts - peakAmps * _esrOhms < _brownoutVolts) _clock.PowerLost = true;
    }
}
