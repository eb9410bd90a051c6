namespace Users.Application.Abstractions.Adoption;

/// <summary>A step of a long adoption: <paramref name="Done"/> rows of <paramref name="Total"/> (when known) in a phase such as "reading users".</summary>
public sealed record AdoptionProgress(string Phase, int Done, int? Total);
