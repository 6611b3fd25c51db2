using System;

namespace SensorNode.Core.Update
{
    /// <summary>
    /// One application set as the gateway sends it (docs/updates.md): the assemblies back to back, the manifest, and each
    /// chunk's command body. Host tools build it (the gateway from a package directory, the simulator from synthetic bytes)
    /// so both send exactly what the node's <see cref="UpdateReceiver"/> reads.
    /// </summary>
    public sealed class UpdateImage
    {
        /// <summary>
        /// The set of <paramref name="assemblies"/> (.pe files in load order) as version <paramref name="version"/>, cut in
        /// <paramref name="chunkBytes"/> chunks. Throws <see cref="ArgumentException"/> on a set the manifest cannot carry.
        /// </summary>
        public UpdateImage(uint version, byte[][] assemblies, int chunkBytes)
        {
            if (assemblies == null || assemblies.Length == 0)
            {
                throw new ArgumentException("an application set needs at least one assembly");
            }
            int total = 0;
            int[] lengths = new int[assemblies.Length];
            for (int i = 0; i < assemblies.Length; i++)
            {
                lengths[i] = assemblies[i].Length;
                total += lengths[i];
            }
            Image = new byte[total];
            int at = 0;
            for (int i = 0; i < assemblies.Length; i++)
            {
                Array.Copy(assemblies[i], 0, Image, at, lengths[i]);
                at += lengths[i];
            }
            Manifest = UpdateManifest.Build(version, Image, lengths, chunkBytes);
            ManifestBytes = Manifest.Write();
        }

        /// <summary>The assemblies back to back.</summary>
        public byte[] Image { get; private set; }
        /// <summary>The set's manifest, and its serialized form (the "update" command's body).</summary>
        public UpdateManifest Manifest { get; private set; }
        public byte[] ManifestBytes { get; private set; }

        /// <summary>The set's version.</summary>
        public uint Version
        {
            get { return Manifest.Version; }
        }

        /// <summary>The "chunk" command's body of chunk <paramref name="index"/>.</summary>
        public byte[] ChunkBody(int index)
        {
            return UpdateCommands.ChunkBody(Manifest.Version, index, Image, index * Manifest.ChunkBytes, Manifest.ChunkLength(index));
        }
    }
}
