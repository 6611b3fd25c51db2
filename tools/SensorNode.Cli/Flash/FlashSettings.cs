namespace SensorNode.Cli;

/// <summary>Everything a flash plan depends on, already validated: the board from nf.config, absolute file paths, the chosen steps.</summary>
internal sealed record FlashSettings
{
    /// <summary>nanoff target name, e.g. ESP32_REV3 (nf.config [board] target).</summary>
    public required string Target { get; init; }

    /// <summary>Serial port, e.g. /dev/ttyUSB0 or COM3 (nf.config [board] serial_port).</summary>
    public required string SerialPort { get; init; }

    /// <summary>nanoCLR firmware version for nanoff --fwversion, e.g. 1.17.0.339 (nf.config [board] firmware_version).</summary>
    public required string FirmwareVersion { get; init; }

    /// <summary>Flash address of the application image (nf.config [board] deploy_address), 0x010000..0xFFF000.</summary>
    public required int DeployAddress { get; init; }

    /// <summary>Absolute path of the application deployment image (.bin) nanoff is given (a padded copy when the plan needs one).</summary>
    public required string ImagePath { get; init; }

    /// <summary>Absolute path of the file copied to I:\nf.config (the sealed copy in a real run).</summary>
    public required string ConfigPath { get; init; }

    /// <summary>Absolute path of the file copied to I:\secrets.config (the sealed copy in a real run).</summary>
    public required string SecretsPath { get; init; }

    /// <summary>With [mqtt] tls = true: the certificate files copied to I:\ beside nf.config; null for plain MQTT.</summary>
    public TlsFiles? Tls { get; init; }

    /// <summary>Offline firmware archive folder for nanoff --fromarchive --archivepath; null to download from Cloudsmith.</summary>
    public string? ArchiveFolder { get; init; }

    /// <summary>Erase the whole chip while flashing nanoCLR (the default); false keeps I:\ (nanoff backs the config partition up and restores it).</summary>
    public bool MassErase { get; init; } = true;

    /// <summary>Deploy the image through the running nanoCLR (nanoff --nanodevice --deploy: no address) instead of at [board] deploy_address.</summary>
    public bool ThroughNanoClr { get; init; }

    /// <summary>
    /// Seconds the firmware stays awake after a power-on or EN reset before its first sleep ([wake]
    /// maintenance_window_seconds, as the nf.config being flashed sets it; 0 = no window).
    /// </summary>
    public int MaintenanceWindowSeconds { get; init; } = new SensorNode.Core.Config.NodeConfig().MaintenanceWindowSeconds;

    public bool SkipClr { get; init; }
    public bool SkipApp { get; init; }
    public bool SkipFiles { get; init; }

    /// <summary>True when this run erases the whole chip before anything else is written.</summary>
    public bool ErasesChip => !SkipClr && MassErase;
}
