using SensorNode.Core.Numerics;

namespace SensorNode.Core.Update
{
    /// <summary>
    /// The update commands under the node's "cmd/" level (docs/mqtt.md), published retained by the gateway only (the
    /// broker ACL lets a node read its own cmd/# and write none of it), each "&lt;id&gt;\n&lt;body&gt;" like every command:
    /// "cmd/update", body an <see cref="UpdateManifest"/>; "cmd/chunk", body the set's version u32 LE, the chunk index
    /// u16 LE and the chunk's bytes. Acks on the ack topic as for the policy command, with the reasons below.
    /// </summary>
    public static class UpdateCommands
    {
        /// <summary>Command name of the manifest: topic "&lt;prefix&gt;/&lt;node&gt;/cmd/update".</summary>
        public const string ManifestCommand = "update";
        /// <summary>Command name of a chunk: topic "&lt;prefix&gt;/&lt;node&gt;/cmd/chunk".</summary>
        public const string ChunkCommand = "chunk";
        /// <summary>Bytes before a chunk's data: version u32 and index u16.</summary>
        public const int ChunkHeaderBytes = 6;
        /// <summary>Longest command payload either command can carry, bytes.</summary>
        public const int MaxPayloadBytes = Telemetry.CommandPayload.MaxHeaderLength + ChunkHeaderBytes + UpdateManifest.MaxChunkBytes;

        /// <summary>Ack reason: the manifest failed <see cref="UpdateManifest.TryParse"/>.</summary>
        public const string BadManifest = "bad-manifest";
        /// <summary>Ack reason: the chunk's CRC-32, index or length does not match the manifest (fetched again).</summary>
        public const string BadChunk = "bad-chunk";
        /// <summary>Ack reason: the manifest is of the set this node rolled back from (a fix needs a new version).</summary>
        public const string RolledBack = "rolled-back";
        /// <summary>Ack reason: a chunk of a version this node holds no manifest for (a stale chunk: dropped).</summary>
        public const string NoManifest = "no-manifest";

        /// <summary>
        /// The gateway's rule for a settled chunk command: true when the node's rejection means "send it again" (the bytes
        /// arrived damaged, or flash refused them), false for an applied chunk and for a stale one ("no-manifest").
        /// </summary>
        public static bool Refetch(string rejectedReason)
        {
            return rejectedReason == BadChunk || rejectedReason == Telemetry.CommandAck.WriteFailed;
        }

        /// <summary>
        /// Writes a chunk command's body: <paramref name="version"/>, <paramref name="index"/> and
        /// <paramref name="count"/> bytes of <paramref name="image"/> from <paramref name="offset"/>. Host side (gateway).
        /// </summary>
        public static byte[] ChunkBody(uint version, int index, byte[] image, int offset, int count)
        {
            byte[] body = new byte[ChunkHeaderBytes + count];
            LittleEndian.WriteUInt32(body, 0, version);
            LittleEndian.WriteUInt16(body, 4, index);
            for (int i = 0; i < count; i++)
            {
                body[ChunkHeaderBytes + i] = image[offset + i];
            }
            return body;
        }

        /// <summary>Reads a chunk body's version and index at <paramref name="offset"/>; false when fewer than the header's bytes follow.</summary>
        public static bool TryReadChunkHeader(byte[] payload, int offset, int length, out uint version, out int index)
        {
            version = 0;
            index = -1;
            if (length - offset <= ChunkHeaderBytes)
            {
                return false;
            }
            version = LittleEndian.ReadUInt32(payload, offset);
            index = LittleEndian.ReadUInt16(payload, offset + 4);
            return true;
        }
    }
}
