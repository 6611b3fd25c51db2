using System;
using SensorNode.Core.Numerics;

namespace SensorNode.Core.Policy
{
    /// <summary>
    /// The policy: one action code per state index (see <see cref="StateEncoder"/>). Immutable after it is
    /// built or loaded. Serialized layout (little-endian, <see cref="SerializedLength"/> = 1746 bytes):
    /// "SNPT", format version u16, layout id u16, state count u16, table version u32, one action code per
    /// state, CRC-32 (<see cref="Crc32"/>) of everything before it.
    /// </summary>
    public sealed class PolicyTable : IWakePolicy
    {
        /// <summary>Wake intervals the configuration offers; an action's interval index is 0..7.</summary>
        public const int WakeIntervalCount = 8;

        /// <summary>Serialization format this firmware writes and reads.</summary>
        public const int FormatVersion = 1;

        /// <summary>Bytes before the action codes: magic 4, format 2, layout 2, state count 2, version 4.</summary>
        public const int HeaderLength = 14;

        /// <summary>Length of <see cref="Serialize"/>'s output: header, <see cref="StateEncoder.StateCount"/> codes, CRC.</summary>
        public const int SerializedLength = HeaderLength + StateEncoder.StateCount + 4;

        // The action code's bits (docs/policy.md, "Table format"): the trainer and the layout-3 rule use them from here.
        /// <summary>Action code bits 0-2: the wake interval index.</summary>
        public const int IntervalMask = 0b0000_0111;
        /// <summary>Action code bit 3: PIR armed (layout 2) or next motion wakes the node (layout 3).</summary>
        public const int MotionBit = 0b0000_1000;
        /// <summary>Action code bit 4: transmit this wake.</summary>
        public const int TransmitBit = 0b0001_0000;
        private const int ReservedMask = 0b1110_0000;

        private readonly byte[] _codes;

        private PolicyTable(byte[] codes, uint version, bool isBuiltIn, int layoutId)
        {
            _codes = codes;
            Version = version;
            IsBuiltIn = isBuiltIn;
            LayoutId = layoutId;
        }

        /// <summary>The state layout the table was made for: <see cref="StateEncoder.LayoutId"/> (2) or <see cref="StateEncoder.RtcLayoutId"/> (3).</summary>
        public int LayoutId { get; }

        /// <summary>Table version: 1 for the built-in heuristic, set by the trainer for generated tables.</summary>
        public uint Version { get; }

        /// <summary>True for the table compiled into the firmware (<see cref="BuiltIn"/>), false for a loaded or generated one.</summary>
        public bool IsBuiltIn { get; }

        /// <summary>The table's action for <paramref name="stateIndex"/>: <see cref="IWakePolicy"/> over <see cref="Lookup"/>.</summary>
        public PolicyAction Decide(int stateIndex, PolicyObservation observation)
        {
            return Lookup(stateIndex);
        }

        /// <summary>
        /// The action for <paramref name="stateIndex"/> (0..<see cref="StateEncoder.StateCount"/>-1). An index
        /// outside that range gives the safe action: longest interval, PIR disarmed, no transmit. Allocates nothing.
        /// </summary>
        public PolicyAction Lookup(int stateIndex)
        {
            if (stateIndex < 0 || stateIndex >= _codes.Length)
            {
                return Decode(IntervalMask);
            }
            return Decode(_codes[stateIndex]);
        }

        /// <summary>
        /// The table compiled into the firmware: the trained <see cref="TrainedPolicyTable"/> (version
        /// <see cref="TrainedPolicyTable.Version"/>) when its codes match its CRC, else the table generated from
        /// <see cref="HeuristicPolicy"/> (version <see cref="HeuristicPolicy.Version"/>).
        /// </summary>
        public static PolicyTable BuiltIn()
        {
            byte[] trained = TrainedPolicyTable.ActionCodes();
            PolicyTable table = new PolicyTable(trained, TrainedPolicyTable.Version, true, StateEncoder.LayoutId);
            byte[] data = table.Serialize();
            if (trained.Length == StateEncoder.StateCount && FindBadCode(trained, 0, trained.Length) < 0
                && LittleEndian.ReadUInt32(data, SerializedLength - 4) == TrainedPolicyTable.Crc32)
            {
                return table;
            }
            return Heuristic();
        }

        /// <summary>
        /// The built-in table of <paramref name="layoutId"/>: <see cref="BuiltIn"/> for layout 2, and for layout 3 (event
        /// RTC) <see cref="RtcWakeOrCount.Derive"/> of it, version <see cref="RtcWakeOrCount.Version"/>. Throws
        /// <see cref="ArgumentOutOfRangeException"/> for another layout.
        /// </summary>
        public static PolicyTable BuiltInFor(int layoutId)
        {
            CheckLayout(layoutId);
            PolicyTable table = BuiltIn();
            if (layoutId == StateEncoder.LayoutId)
            {
                return table;
            }
            return new PolicyTable(RtcWakeOrCount.Derive(table._codes), RtcWakeOrCount.Version, true, StateEncoder.RtcLayoutId);
        }

        /// <summary>
        /// As <see cref="FromActionCodes"/>, for layout <paramref name="layoutId"/> (2, or 3 for the event RTC).
        /// Throws <see cref="ArgumentOutOfRangeException"/> for another layout.
        /// </summary>
        public static PolicyTable FromActionCodesFor(uint version, byte[] actionCodes, int layoutId)
        {
            CheckLayout(layoutId);
            PolicyTable table = FromActionCodes(version, actionCodes);
            return new PolicyTable(table._codes, version, false, layoutId);
        }

        private static void CheckLayout(int layoutId)
        {
            if (layoutId != StateEncoder.LayoutId && layoutId != StateEncoder.RtcLayoutId)
            {
                throw new ArgumentOutOfRangeException("layoutId", "Layouts 2 and 3 only.");
            }
        }

        /// <summary>The table generated from <see cref="HeuristicPolicy"/>, version <see cref="HeuristicPolicy.Version"/> (the fallback and the trainer's starting point).</summary>
        public static PolicyTable Heuristic()
        {
            return new PolicyTable(HeuristicPolicy.BuildActionCodes(), HeuristicPolicy.Version, true, StateEncoder.LayoutId);
        }

        /// <summary>
        /// A table from <paramref name="actionCodes"/> (one <see cref="EncodeAction"/> code per state index; copied).
        /// Throws <see cref="ArgumentException"/> when the length is not <see cref="StateEncoder.StateCount"/> or a
        /// code has reserved bits set.
        /// </summary>
        public static PolicyTable FromActionCodes(uint version, byte[] actionCodes)
        {
            if (actionCodes == null)
            {
                throw new ArgumentNullException("actionCodes");
            }
            if (actionCodes.Length != StateEncoder.StateCount)
            {
                throw new ArgumentException("A policy table needs exactly StateEncoder.StateCount (1728) action codes.");
            }
            if (FindBadCode(actionCodes, 0, actionCodes.Length) >= 0)
            {
                throw new ArgumentException("An action code has reserved bits 5-7 set.");
            }
            byte[] copy = new byte[actionCodes.Length];
            Array.Copy(actionCodes, copy, actionCodes.Length);
            return new PolicyTable(copy, version, false, StateEncoder.LayoutId);
        }

        /// <summary>What <paramref name="error"/> means, for a person reading a tool's message (never null).</summary>
        public static string DescribeLoadError(PolicyLoadError error)
        {
            switch (error)
            {
                case PolicyLoadError.None:
                    return "loaded";
                case PolicyLoadError.TooShort:
                    return "truncated: fewer bytes than a whole table (" + SerializedLength.ToString() + ")";
                case PolicyLoadError.BadMagic:
                    return "not a policy table: it does not start with \"SNPT\"";
                case PolicyLoadError.UnsupportedFormat:
                    return "a format version this firmware does not read, or bytes after the table";
                case PolicyLoadError.LayoutMismatch:
                    return "made for other state bins (another layout id: retrain it for this firmware)";
                case PolicyLoadError.BadCrc:
                    return "damaged: its CRC-32 does not match its bytes";
                case PolicyLoadError.BadAction:
                    return "an action code has reserved bits (5-7) set";
                default:
                    return "unknown error " + ((int)error).ToString();
            }
        }

        /// <summary>
        /// Parses the first <paramref name="length"/> bytes of <paramref name="data"/> (a <see cref="Serialize"/>
        /// output). On failure returns false, <paramref name="table"/> null and the first problem found, checked
        /// in this order: length, magic, format, layout, CRC, action codes. A null <paramref name="data"/> is
        /// <see cref="PolicyLoadError.TooShort"/>; <paramref name="length"/> beyond the array throws.
        /// </summary>
        public static bool TryLoad(byte[] data, int length, out PolicyTable table, out PolicyLoadError error)
        {
            return TryLoadFor(data, length, StateEncoder.LayoutId, out table, out error);
        }

        /// <summary>
        /// As <see cref="TryLoad"/>, accepting only tables of
        /// <paramref name="expectedLayoutId"/> (a node with the event RTC expects 3): another layout is
        /// <see cref="PolicyLoadError.LayoutMismatch"/>.
        /// </summary>
        public static bool TryLoadFor(byte[] data, int length, int expectedLayoutId, out PolicyTable table, out PolicyLoadError error)
        {
            table = null;
            error = Check(data, length, expectedLayoutId);
            if (error != PolicyLoadError.None)
            {
                return false;
            }
            byte[] codes = new byte[StateEncoder.StateCount];
            Array.Copy(data, HeaderLength, codes, 0, codes.Length);
            table = new PolicyTable(codes, LittleEndian.ReadUInt32(data, 10), false, expectedLayoutId);
            return true;
        }

        /// <summary>
        /// The CRC-32 a serialized table ends with (its last 4 bytes, little-endian): the table's identity in the gateway's
        /// records. Throws <see cref="ArgumentException"/> for fewer than 4 bytes.
        /// </summary>
        public static uint SerializedCrc(byte[] serialized)
        {
            if (serialized == null || serialized.Length < 4)
            {
                throw new ArgumentException("A serialized table ends with its CRC-32.", "serialized");
            }
            return LittleEndian.ReadUInt32(serialized, serialized.Length - 4);
        }

        /// <summary>The table in the format <see cref="TryLoad"/> reads: <see cref="SerializedLength"/> bytes, newly allocated.</summary>
        public byte[] Serialize()
        {
            byte[] data = new byte[SerializedLength];
            data[0] = (byte)'S';
            data[1] = (byte)'N';
            data[2] = (byte)'P';
            data[3] = (byte)'T';
            LittleEndian.WriteUInt16(data, 4, FormatVersion);
            LittleEndian.WriteUInt16(data, 6, LayoutId);
            LittleEndian.WriteUInt16(data, 8, StateEncoder.StateCount);
            LittleEndian.WriteUInt32(data, 10, Version);
            Array.Copy(_codes, 0, data, HeaderLength, _codes.Length);
            int crcOffset = HeaderLength + _codes.Length;
            LittleEndian.WriteUInt32(data, crcOffset, Crc32.Compute(data, 0, crcOffset));
            return data;
        }

        /// <summary>
        /// The one-byte code of <paramref name="action"/>: bits 0-2 interval index, bit 3 PIR armed, bit 4 transmit,
        /// bits 5-7 zero. Throws <see cref="ArgumentOutOfRangeException"/> for an interval index outside 0..7.
        /// </summary>
        public static byte EncodeAction(PolicyAction action)
        {
            if (action.WakeIntervalIndex < 0 || action.WakeIntervalIndex >= WakeIntervalCount)
            {
                throw new ArgumentOutOfRangeException("action", "WakeIntervalIndex must be 0..7.");
            }
            int code = action.WakeIntervalIndex;
            if (action.MotionWakeArmed)
            {
                code |= MotionBit;
            }
            if (action.Transmit)
            {
                code |= TransmitBit;
            }
            return (byte)code;
        }

        /// <summary>
        /// The action of a code made by <see cref="EncodeAction"/>. Throws <see cref="ArgumentException"/> when
        /// reserved bits 5-7 are set.
        /// </summary>
        public static PolicyAction DecodeAction(byte code)
        {
            if ((code & ReservedMask) != 0)
            {
                throw new ArgumentException("Action code has reserved bits 5-7 set.");
            }
            return Decode(code);
        }

        private static PolicyAction Decode(int code)
        {
            PolicyAction action = new PolicyAction();
            action.WakeIntervalIndex = code & IntervalMask;
            action.MotionWakeArmed = (code & MotionBit) != 0;
            action.Transmit = (code & TransmitBit) != 0;
            return action;
        }

        private static PolicyLoadError Check(byte[] data, int length, int expectedLayoutId)
        {
            if (data == null || length < HeaderLength)
            {
                return PolicyLoadError.TooShort;
            }
            if (length > data.Length)
            {
                throw new ArgumentOutOfRangeException("length", "length exceeds the array.");
            }
            if (data[0] != 'S' || data[1] != 'N' || data[2] != 'P' || data[3] != 'T')
            {
                return PolicyLoadError.BadMagic;
            }
            if (LittleEndian.ReadUInt16(data, 4) != FormatVersion)
            {
                return PolicyLoadError.UnsupportedFormat;
            }
            if (LittleEndian.ReadUInt16(data, 6) != expectedLayoutId || LittleEndian.ReadUInt16(data, 8) != StateEncoder.StateCount)
            {
                return PolicyLoadError.LayoutMismatch;
            }
            if (length < SerializedLength)
            {
                return PolicyLoadError.TooShort;
            }
            if (length > SerializedLength)
            {
                return PolicyLoadError.UnsupportedFormat;
            }
            int crcOffset = SerializedLength - 4;
            if (LittleEndian.ReadUInt32(data, crcOffset) != Crc32.Compute(data, 0, crcOffset))
            {
                return PolicyLoadError.BadCrc;
            }
            if (FindBadCode(data, HeaderLength, StateEncoder.StateCount) >= 0)
            {
                return PolicyLoadError.BadAction;
            }
            return PolicyLoadError.None;
        }

        // Index of the first code with reserved bits set in data[offset..offset+count), or -1.
        private static int FindBadCode(byte[] data, int offset, int count)
        {
            for (int i = offset; i < offset + count; i++)
            {
                if ((data[i] & ReservedMask) != 0)
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
