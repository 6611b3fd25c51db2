using System.Runtime.CompilerServices;

namespace SensorNode.Simulation.Tests.Network;

/// <summary>
/// The real-broker tests drive <see cref="SensorNode.Simulation.Network.RealBrokerSession"/>, which blocks its caller
/// (a test, on a thread-pool thread) while MQTTnet's receive loop needs pool threads of its own. With the pool's default
/// minimum (one thread per core here, more added about every half second) a retained message was sometimes dispatched
/// 850 ms after its SUBACK, past the session's 200 ms grace (the device's figure), and the node saw no policy command:
/// measured 1 in 8 receives, 4 failures in 12 runs of the policy test; with this minimum, at most 46 ms over 16.
/// </summary>
internal static class ThreadPoolWarmth
{
    private const int MinThreads = 16;

    [ModuleInitializer]
    internal static void RaiseThreadPoolMinimum() => ThreadPool.SetMinThreads(MinThreads, MinThreads);
}
