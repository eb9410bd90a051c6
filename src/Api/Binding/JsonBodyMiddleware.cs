using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using Users.Api.Errors;
using Users.Api.OpenApi;
using Users.Application.Common.Validation;
using Users.Domain.Common;

namespace Users.Api.Binding;

/// <summary>
/// Reads and parses the JSON body of routes marked with <see cref="BodyMetadataExtensions.WithJsonBody{TRequest}"/>
/// before authentication, because the contract answers malformed JSON (422) ahead of 401/403: the raw handling the
/// contract needs (413 over 1 MiB whatever the host enforces, any invalid UTF-8 byte refused). The parsed body is
/// handed on through <see cref="HttpContext.Features"/> as a <see cref="ParsedJsonBody"/>, and bound to the
/// endpoint's request record after authentication (<see cref="JsonBody{TRequest}"/>).
/// </summary>
public sealed class JsonBodyMiddleware(RequestDelegate next)
{
    public const long MaxBodyBytes = RequestSizeLimitMiddleware.MaxBodyBytes;

    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        MaxDepth = 64,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    // Routes without a JSON body (every GET among them) pass straight through, without an async state machine.
    public Task InvokeAsync(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<RequestBodyMetadata>() is { IsJson: true } ? ParseThenInvokeAsync(context) : next(context);

    private async Task ParseThenInvokeAsync(HttpContext context)
    {
        var body = await ReadAsync(context);
        if (body is null)
        {
            return; // a response was written
        }

        using (body)
        {
            context.Features.Set(body);
            await next(context);
        }
    }

    private static async Task<ParsedJsonBody?> ReadAsync(HttpContext context)
    {
        if (!IsJson(context.Request.ContentType))
        {
            return ParsedJsonBody.NotJson();
        }

        var bytes = await ReadLimitedAsync(context.Request.Body, context.RequestAborted);
        if (bytes is null)
        {
            await Problems.WriteStatusAsync(context, StatusCodes.Status413PayloadTooLarge);
            return null;
        }

        if (bytes.Value.Length == 0)
        {
            return ParsedJsonBody.Missing();
        }

        // JsonDocument checks UTF-8 only in the parts it decodes; the contract wants any invalid byte refused.
        if (!Utf8.IsValid(bytes.Value.Span))
        {
            await InvalidJsonAsync(context);
            return null;
        }

        try
        {
            return ParsedJsonBody.Parsed(JsonDocument.Parse(bytes.Value, ParseOptions));
        }
        catch (JsonException)
        {
            // Truncated JSON, invalid UTF-8, NaN, nesting deeper than 64: the body as a whole is unreadable.
            await InvalidJsonAsync(context);
            return null;
        }
    }

    private static Task InvalidJsonAsync(HttpContext context) =>
        Problems.Validation([new FieldFailure(["body"], ValidationTypes.JsonInvalid, "JSON decode error")], context).ExecuteAsync(context);

    private static bool IsJson(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }

        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase)
                && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Reads the whole body, or returns <c>null</c> as soon as it passes <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadLimitedAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var read = await body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenMemory;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > MaxBodyBytes)
            {
                return null;
            }
        }
    }
}
