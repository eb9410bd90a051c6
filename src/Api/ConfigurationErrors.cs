using Microsoft.Extensions.Options;

namespace Users.Api;

/// <summary>Recognizes start-up failures caused by settings, so they are reported as sentences, not stack traces.</summary>
public static class ConfigurationErrors
{
    /// <summary>
    /// The messages of <paramref name="exception"/> when it is a settings problem: failed validation (one or
    /// several settings) or a value the configuration binder could not convert.
    /// </summary>
    public static bool TryDescribe(Exception exception, out IReadOnlyList<string> messages)
    {
        var found = new List<string>();
        Collect(exception, found);
        messages = found;
        return found.Count > 0;
    }

    private static void Collect(Exception exception, List<string> messages)
    {
        switch (exception)
        {
            case OptionsValidationException validation:
                messages.AddRange(validation.Failures);
                break;
            case AggregateException aggregate:
                foreach (var inner in aggregate.InnerExceptions)
                {
                    Collect(inner, messages);
                }

                break;
            case InvalidOperationException when exception.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                messages.Add(exception.Message);
                break;
        }
    }
}
