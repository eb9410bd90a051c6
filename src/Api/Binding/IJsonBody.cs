using Users.Domain.Common;

namespace Users.Api.Binding;

/// <summary>What an endpoint's JSON body bound to, seen without its type (by <see cref="JsonBodyFilter"/>).</summary>
public interface IJsonBody
{
    /// <summary>Why the body did not bind to its request record; empty when it did.</summary>
    IReadOnlyList<FieldFailure> Failures { get; }
}
