namespace Users.Application.Common.Validation;

/// <summary>FastAPI's vocabulary for the <c>type</c> of a 422 <c>detail</c> item; set as FluentValidation error codes.</summary>
public static class ValidationTypes
{
    public const string Missing = "missing";
    public const string ValueError = "value_error";
    public const string JsonInvalid = "json_invalid";
    public const string ModelAttributesType = "model_attributes_type";
    public const string StringType = "string_type";
    public const string BoolType = "bool_type";
    public const string IntParsing = "int_parsing";
    public const string StringPatternMismatch = "string_pattern_mismatch";
    public const string StringTooLong = "string_too_long";
    public const string IntType = "int_type";
    public const string MissingMessage = "Field required";
}
