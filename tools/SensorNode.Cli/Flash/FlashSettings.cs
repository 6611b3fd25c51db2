namespace SensorNode.Cli;

/// <summary>Everything a flash plan depends on, already validated: the board from nf.config, absolute file paths, the chosen steps.</summary>
internal sealed record FlashSettings
{
    /// <summary>nanoff target name, e.g. ESP32_REV3 (nf.config [board] target).</summary>
    public required string Target { get; init; }

    /// <summary>Serial port, e.g. /dev/ttyUSB0 or COM3 (nf.config [board] serial_port).</summary>
    public required string SerialPort { get; init; }

    /// <summary>Flash address of the application image (nf.config [board] deploy_address), 0x010000..0xFFF000.</summary>
    public required int DeployAddress { get; init; }

    /// <summary>Absolute path of the application deployment image (.bin).</summary>
    public required string ImagePath { get; init; }

    /// <summary>Absolute path of nf.config, copied to I:\nf.config.</summary>
    public required string ConfigPath { get; init; }

    /// <summary>Absolute path of secrets.config, copied to I:\secrets.config.</summary>
    public required string SecretsPath { get; init; }

    /// <summary>With [mqtt] tls = true: the certificate files copied to I:\ beside nf.config; null for plain MQTT.</summary>
    public TlsFiles? Tls { get; init; }

    public bool MassErase { get; init; }
    public bool SkipClr { get; init; }
    public bool SkipApp { get; init; }
    public bool SkipFiles { get; init; }
}
