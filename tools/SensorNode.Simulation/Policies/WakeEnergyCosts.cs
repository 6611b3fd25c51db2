using SensorNode.Core.Drivers;
using SensorNode.Simulation.Physics;

namespace SensorNode.Simulation.Policies;

/// <summary>
/// The energy of a wake, a publish and deep sleep under a <see cref="HardwareProfile"/>, as the simulator books
/// them (docs/energy-model.md, "Worked daily budget"): the load sits behind the LDO, so a phase draws its charge
/// (current x time) from the supercap at the supercap's voltage; flash writes are lumps at the 3.3 V rail.
/// Shared by the energy-neutral baselines (their budget) and the oracle (its transition model).
/// </summary>
public sealed class WakeEnergyCosts
{
    /// <summary>Bytes of one publish: ~460 B SenML plus ~40 B topic and MQTT header (docs/mqtt.md).</summary>
    public const int PublishBytes = 500;

    /// <summary>Flash bytes per plain wake: one reading slot appended plus the node state rewritten.</summary>
    public const int FlashBytesPerWake = SensorNode.Core.Storage.ReadingLog.RecordBytes + SensorNode.Core.Storage.NodeStateRecord.Bytes;

    /// <summary>Charge of one wake without radio: boot (and nanoCLR's boot-time association when the profile says so), compute, sensing (the slowest conversion), C.</summary>
    public double WakeCoulombs { get; }
    /// <summary>Flash energy of one wake: two writes plus <see cref="FlashBytesPerWake"/>, J.</summary>
    public double WakeFlashJoules { get; }
    /// <summary>Charge of one publish: association, MQTT connect, one state and one availability ack, bytes, C.</summary>
    public double PublishCoulombs { get; }
    /// <summary>Deep-sleep current, A.</summary>
    public double SleepAmps { get; }
    /// <summary>Awake time of one plain wake, s (events during it are seen without another boot).</summary>
    public double WakeSeconds { get; }

    /// <summary>
    /// <paramref name="associateMilliseconds"/>: the Wi-Fi association of a publish; default the static-IP one (the
    /// baselines' budget and the schedule oracle); <see cref="AssociateMilliseconds"/> gives the configured node's.
    /// </summary>
    public WakeEnergyCosts(HardwareProfile profile, double? associateMilliseconds = null)
    {
        double activeAmps = profile.ActiveMilliamps / 1000.0;
        double radioAmps = profile.RadioMilliamps / 1000.0;
        double senseSeconds = Opt3001Codec.ConversionMilliseconds / 1000.0;
        double bootAssociateSeconds = profile.BootRadioAssociates ? profile.BootAssociateMilliseconds / 1000.0 : 0;
        WakeSeconds = (profile.BootMilliseconds + profile.ComputeMilliseconds) / 1000.0 + bootAssociateSeconds + senseSeconds;
        WakeCoulombs = profile.BootMilliamps / 1000.0 * profile.BootMilliseconds / 1000.0
                     + profile.BootAssociateMilliamps / 1000.0 * bootAssociateSeconds
                     + activeAmps * (profile.ComputeMilliseconds / 1000.0 + senseSeconds);
        WakeFlashJoules = 2 * profile.FlashWriteMillijoulesPerWrite / 1000.0 + FlashBytesPerWake * profile.FlashWriteMicrojoulesPerByte * 1e-6;
        double radioSeconds = ((associateMilliseconds ?? profile.WifiStaticAssociateMilliseconds) + profile.MqttConnectMilliseconds + 2 * profile.MqttAckMilliseconds) / 1000.0
                            + PublishBytes * profile.RadioMicrosecondsPerByte * 1e-6;
        PublishCoulombs = radioAmps * radioSeconds;
        SleepAmps = profile.DeepSleepMicroamps * 1e-6;
    }

    /// <summary>The Wi-Fi association a node of <paramref name="config"/> makes: static IP when it has one, else DHCP, ms.</summary>
    public static double AssociateMilliseconds(HardwareProfile profile, SensorNode.Core.Config.NodeConfig config) =>
        config.StaticIp.Length > 0 ? profile.WifiStaticAssociateMilliseconds : profile.WifiDhcpAssociateMilliseconds;

    /// <summary>Energy of one plain wake at a supercap voltage of <paramref name="volts"/>, J (143 mJ at 4.0 V by default).</summary>
    public double WakeJoules(double volts) => volts * WakeCoulombs + WakeFlashJoules;

    /// <summary>Energy of the radio part of one publish at <paramref name="volts"/>, J (~0.33 J at 4.0 V by default).</summary>
    public double PublishJoules(double volts) => volts * PublishCoulombs;
}
