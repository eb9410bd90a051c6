namespace Users.Application.Abstractions.Security;

/// <summary>A list of passwords so common that attackers try them first.</summary>
public interface ICommonPasswordList
{
    /// <summary>Whether <paramref name="password"/> is on the list, ignoring case.</summary>
    bool Contains(string password);
}
