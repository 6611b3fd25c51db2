namespace SensorNode.Gateway;

/// <summary>A pack violated a validation rule; the message is the one-line reason. Never leaves <see cref="SenmlDecoder"/>.</summary>
internal sealed class RejectedPackException(string reason) : Exception(reason);
