namespace Users.Application.Common.Validation;

/// <summary>Marks a request whose fields come from the query string, so validation failures point at <c>["query", field]</c>.</summary>
public interface IQueryStringRequest;
