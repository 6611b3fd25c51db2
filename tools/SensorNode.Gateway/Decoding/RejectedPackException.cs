namespace SensorNode.Gateway;

/// <summary>
/// A pack violated a validation rule; the message is the one-line reason. <paramref name="retryable"/>: the rule depends
/// on the gateway's own state (its clock), so the same bytes may pass later. Never leaves <see cref="SenmlDecoder"/>.
/// </summary>
internal sealed class RejectedPackException(string reason, bool retryable = false) : Exception(reason)
{
    internal bool Retryable { get; } = retryable;
}
