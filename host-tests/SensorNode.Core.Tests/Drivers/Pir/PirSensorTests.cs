using Xunit;
using SensorNode.Core.Drivers;
using SensorNode.Simulation.Devices;

namespace SensorNode.Core.Tests.Drivers.Pir;

public class PirSensorTests
{
    [Fact]
    public void ReadmeUsage_ReportsMotion()
    {
        var pin = new SimulatedPin { High = true };

        // --- README snippet starts
        var pir = new PirSensor(pin);
        bool motion = pir.IsMotionActive();   // true while the module holds its output high
        // --- README snippet ends

        Assert.True(motion);
    }

    [Fact]
    public void IsMotionActive_FollowsThePinLevel_WithOneReadPerCall()
    {
        var pin = new SimulatedPin();
        var pir = new PirSensor(pin);

        Assert.False(pir.IsMotionActive());
        pin.High = true;
        Assert.True(pir.IsMotionActive());
        pin.High = false;
        Assert.False(pir.IsMotionActive());
        Assert.Equal(3, pin.ReadCount);
    }

    [Fact]
    public void Constructor_Throws_ForNullInput()
    {
        Assert.Throws<ArgumentNullException>(() => new PirSensor(null!));
    }
}
