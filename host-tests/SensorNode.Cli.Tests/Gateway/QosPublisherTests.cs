using System.Net;
using System.Net.Sockets;
using SensorNode.Cli;
using Xunit;

namespace SensorNode.Cli.Tests.Gateway;

public class QosPublisherTests
{
    /// <summary>
    /// A broker that accepts the connection (CONNACK) and then never acknowledges a publish: every publish stays in flight
    /// until the publisher is disposed.
    /// </summary>
    private sealed class SilentBroker : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private TcpClient? _client;

        public SilentBroker()
        {
            _listener.Start();
            _ = Task.Run(async () =>
            {
                _client = await _listener.AcceptTcpClientAsync();
                NetworkStream stream = _client.GetStream();
                var buffer = new byte[4096];
                _ = await stream.ReadAsync(buffer);                             // CONNECT (one small packet)
                await stream.WriteAsync(new byte[] { 0x20, 0x02, 0x00, 0x00 });  // CONNACK, accepted
                while (await stream.ReadAsync(buffer) > 0) { }                   // PUBLISH after PUBLISH, never a PUBACK
            });
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public void Dispose()
        {
            _client?.Dispose();
            _listener.Stop();
        }
    }

    [Fact]
    public async Task Dispose_WithPublishesInFlight_EndsThemAsFailed_NotWithAnException()
    {
        using var broker = new SilentBroker();
        QosPublisher publisher = await QosPublisher.ConnectAsync("127.0.0.1", broker.Port, "test-publisher");
        var inFlight = new List<Task<bool>>();
        for (int i = 0; i < 8; i++) inFlight.Add(await publisher.StartPublishAsync("sensornode/n1/state", new byte[] { 1, 2, 3 }));
        Assert.All(inFlight, t => Assert.False(t.IsCompleted));

        await publisher.DisposeAsync();

        bool[] results = await Task.WhenAll(inFlight);   // before the fix: ObjectDisposedException from the window's Release
        Assert.All(results, Assert.False);
        Assert.Equal(8, publisher.Failed);
    }
}
