using System.Net;
using System.Net.Sockets;

namespace SensorNode.Simulation.Tests.Network;

/// <summary>
/// A TCP server on a loopback port that accepts connections and never says anything, or, with
/// <c>answerConnect</c>, sends CONNACK (accepted) and then swallows everything: no PUBACK ever comes.
/// </summary>
public sealed class SilentBroker : IDisposable
{
    // MQTT 3.1.1 CONNACK, session present 0, return code 0 (accepted).
    private static readonly byte[] ConnAck = { 0x20, 0x02, 0x00, 0x00 };

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly bool _answerConnect;
    private readonly List<TcpClient> _clients = new();

    public SilentBroker(bool answerConnect)
    {
        _answerConnect = answerConnect;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = Task.Run(AcceptLoop);
    }

    public int Port { get; }

    public string Url => $"mqtt://127.0.0.1:{Port}";

    private async Task AcceptLoop()
    {
        try
        {
            while (true)
            {
                TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_clients)
                {
                    _clients.Add(client);
                }
                _ = Task.Run(() => Serve(client));
            }
        }
        catch (Exception)
        {
            // Stopped.
        }
    }

    private async Task Serve(TcpClient client)
    {
        try
        {
            NetworkStream stream = client.GetStream();
            if (_answerConnect)
            {
                await SkipPacket(stream);
                await stream.WriteAsync(ConnAck, _stop.Token);
            }
            var sink = new byte[1024];
            while (await stream.ReadAsync(sink, _stop.Token) > 0)
            {
            }
        }
        catch (Exception)
        {
            // Client gone or server stopped.
        }
    }

    // Reads one MQTT packet: fixed header byte, remaining length (variable byte integer), the rest.
    private async Task SkipPacket(NetworkStream stream)
    {
        var one = new byte[1];
        await stream.ReadExactlyAsync(one, _stop.Token);
        int remaining = 0;
        int shift = 0;
        do
        {
            await stream.ReadExactlyAsync(one, _stop.Token);
            remaining |= (one[0] & 0x7F) << shift;
            shift += 7;
        }
        while ((one[0] & 0x80) != 0);
        await stream.ReadExactlyAsync(new byte[remaining], _stop.Token);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_clients)
        {
            foreach (TcpClient client in _clients)
            {
                client.Dispose();
            }
        }
        _stop.Dispose();
    }
}
