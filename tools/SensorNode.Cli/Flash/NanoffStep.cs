namespace SensorNode.Cli;

/// <summary>
/// One nanoff invocation of a flash plan: what it does, in words, its exact arguments (one list item per argument)
/// and how it reaches the chip, which decides what the user must do when it cannot.
/// </summary>
internal sealed record NanoffStep(string Title, IReadOnlyList<string> Arguments, NanoffStepKind Kind)
{
    /// <summary>
    /// True for the steps that talk to a running nanoCLR over the wire protocol (the node must be awake, not in deep
    /// sleep and not in download mode); false for those that go through the ESP32 ROM bootloader (download mode).
    /// </summary>
    public bool NeedsRunningNanoClr => Kind is NanoffStepKind.Files or NanoffStepKind.ImageThroughNanoClr;
}

/// <summary>The kinds of nanoff call a flash plan makes.</summary>
internal enum NanoffStepKind
{
    /// <summary><c>--update</c>: bootloader, nanoCLR and partition table through the ROM bootloader.</summary>
    FirmwareUpdate,

    /// <summary><c>--deploy --address</c>: the image written raw at an address through the ROM bootloader.</summary>
    ImageAtAddress,

    /// <summary><c>--filedeployment</c>: files written into I:\ by the running nanoCLR.</summary>
    Files,

    /// <summary><c>--nanodevice --deploy</c>: the image handed to the running nanoCLR, which erases its deploy partition and writes it.</summary>
    ImageThroughNanoClr,
}
