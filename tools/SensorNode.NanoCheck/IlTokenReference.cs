namespace SensorNode.NanoCheck;

/// <summary>A metadata token operand found in a method body.</summary>
/// <param name="Offset">IL offset of the instruction, bytes.</param>
/// <param name="OpCode">Instruction name as ILDasm prints it, e.g. <c>newobj</c>.</param>
/// <param name="Token">The raw metadata token (table in the top byte).</param>
public readonly record struct IlTokenReference(int Offset, string OpCode, int Token);
