namespace Users.Domain.Common;

/// <summary>
/// Lets generic code (the validation pipeline behavior) build a failed result of any result type
/// without reflection or <c>dynamic</c>.
/// </summary>
public interface IFailureFactory<out TSelf>
    where TSelf : IFailureFactory<TSelf>
{
    static abstract TSelf Failure(Error error);
}
