using System.Buffers.Binary;
using System.Reflection;
using System.Reflection.Emit;

namespace SensorNode.NanoCheck;

/// <summary>
/// Walks IL instruction by instruction and collects the metadata-token operands (types, fields, methods,
/// signatures, ldtoken). String tokens are skipped: a string literal cannot carry a generic or an array shape.
/// </summary>
public static class IlTokenWalker
{
    // The runtime's own opcode table (System.Reflection.Emit.OpCodes) gives each opcode's operand kind.
    private static readonly Dictionary<ushort, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(op => unchecked((ushort)op.Value));

    /// <summary>Token operands of <paramref name="il"/> in instruction order.</summary>
    /// <exception cref="BadImageFormatException">Unknown opcode or an operand running past the end.</exception>
    public static IReadOnlyList<IlTokenReference> ReadTokens(ReadOnlySpan<byte> il)
    {
        var tokens = new List<IlTokenReference>();
        var offset = 0;
        while (offset < il.Length)
        {
            var start = offset;
            ushort value = il[offset++];
            if (value == 0xFE)
            {
                Require(il, offset, 1, start);
                value = (ushort)(0xFE00 | il[offset++]);
            }

            if (!OpCodesByValue.TryGetValue(value, out var opCode))
            {
                throw new BadImageFormatException($"unknown IL opcode 0x{value:X2} at IL_{start:X4}");
            }

            var size = OperandSize(opCode.OperandType, il, offset, start);
            Require(il, offset, size, start);
            if (CarriesToken(opCode.OperandType))
            {
                tokens.Add(new IlTokenReference(start, opCode.Name!, BinaryPrimitives.ReadInt32LittleEndian(il[offset..])));
            }

            offset += size;
        }

        return tokens;
    }

    private static bool CarriesToken(OperandType operand) => operand is
        OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineSig or
        OperandType.InlineTok or OperandType.InlineType;

    private static int OperandSize(OperandType operand, ReadOnlySpan<byte> il, int offset, int start)
    {
        switch (operand)
        {
            case OperandType.InlineNone:
                return 0;
            case OperandType.ShortInlineBrTarget:
            case OperandType.ShortInlineI:
            case OperandType.ShortInlineVar:
                return 1;
            case OperandType.InlineVar:
                return 2;
            case OperandType.InlineI8:
            case OperandType.InlineR:
                return 8;
            case OperandType.InlineSwitch:
                // uint32 count followed by that many int32 branch offsets.
                Require(il, offset, 4, start);
                var count = BinaryPrimitives.ReadUInt32LittleEndian(il[offset..]);
                if (count > (uint)(il.Length - offset - 4) / 4)
                {
                    throw new BadImageFormatException($"switch at IL_{start:X4} runs past the end of the body");
                }

                return 4 + (4 * (int)count);
            default:
                return 4; // int32, float32, branch target or a token
        }
    }

    private static void Require(ReadOnlySpan<byte> il, int offset, int size, int start)
    {
        if (offset + size > il.Length)
        {
            throw new BadImageFormatException($"instruction at IL_{start:X4} runs past the end of the body");
        }
    }
}
