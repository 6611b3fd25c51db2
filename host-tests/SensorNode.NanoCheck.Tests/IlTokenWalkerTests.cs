namespace SensorNode.NanoCheck.Tests;

public class IlTokenWalkerTests
{
    [Fact]
    public void ReadTokens_ReturnsTokenOperands_AndSkipsOtherOperands()
    {
        byte[] il =
        {
            0x20, 0x2A, 0x00, 0x00, 0x00,             // IL_0000 ldc.i4 42
            0x72, 0x01, 0x00, 0x00, 0x70,             // IL_0005 ldstr (string token: not collected)
            0x73, 0x01, 0x00, 0x00, 0x0A,             // IL_000A newobj 0x0A000001
            0x45, 0x02, 0x00, 0x00, 0x00,             // IL_000F switch (2 targets)
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0xFE, 0x15, 0x02, 0x00, 0x00, 0x1B,       // IL_001C initobj 0x1B000002 (two-byte opcode)
            0x21, 0, 0, 0, 0, 0, 0, 0, 0,             // IL_0022 ldc.i8 0
            0x2A,                                     // IL_002B ret
        };

        var tokens = IlTokenWalker.ReadTokens(il);

        Assert.Equal(
            new[] { new IlTokenReference(0x0A, "newobj", 0x0A000001), new IlTokenReference(0x1C, "initobj", 0x1B000002) },
            tokens);
    }

    [Fact]
    public void ReadTokens_Throws_WhenOperandRunsPastTheEnd()
    {
        byte[] il = { 0x28, 0x01, 0x00 }; // call with a truncated token

        Assert.Throws<BadImageFormatException>(() => IlTokenWalker.ReadTokens(il));
    }
}
