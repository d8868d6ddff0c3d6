using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SchemaAudit.Tests.Sarif;

/// <summary>
/// A JSON Schema (draft-04) validator for the subset the SARIF schema uses: type, enum, $ref to
/// <c>#/definitions</c>, properties, required, additionalProperties, items, minItems, uniqueItems,
/// minimum, maximum, pattern, format (uri, uri-reference, date-time) and anyOf/oneOf. Errors name
/// the JSON path of the offending value. Keywords it does not know are reported, not ignored, so a
/// schema it cannot fully check does not pass silently.
/// </summary>
internal sealed class JsonSchemaValidator
{
    private static readonly HashSet<string> s_known =
    [
        "$schema", "id", "title", "description", "default", "definitions", "type", "enum", "$ref", "properties", "required",
        "additionalProperties", "items", "minItems", "uniqueItems", "minimum", "maximum", "pattern", "format", "anyOf", "oneOf",
    ];

    private readonly JsonElement _root;

    public JsonSchemaValidator(JsonElement root) => _root = root;

    public List<string> Validate(JsonElement instance)
    {
        var errors = new List<string>();
        Check(_root, instance, "$", errors);
        return errors;
    }

    private void Check(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (schema.ValueKind == JsonValueKind.True) return;
        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add($"{path}: no value is allowed here");
            return;
        }
        foreach (var keyword in schema.EnumerateObject())
        {
            if (!s_known.Contains(keyword.Name)) errors.Add($"{path}: the validator does not support the keyword `{keyword.Name}`");
        }
        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(Resolve(reference.GetString()!), value, path, errors);
            return; // draft-04: siblings of $ref are ignored
        }
        if (schema.TryGetProperty("type", out var type) && !MatchesType(type, value))
        {
            errors.Add($"{path}: expected type {type.GetRawText()}, found {value.ValueKind}");
            return;
        }
        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
            errors.Add($"{path}: {value.GetRawText()} is not one of {allowed.GetRawText()}");

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                CheckString(schema, value.GetString()!, path, errors);
                break;
            case JsonValueKind.Number:
                CheckNumber(schema, value.GetDouble(), path, errors);
                break;
            case JsonValueKind.Array:
                CheckArray(schema, value, path, errors);
                break;
            case JsonValueKind.Object:
                CheckObject(schema, value, path, errors);
                break;
        }

        if (schema.TryGetProperty("anyOf", out var anyOf) && !anyOf.EnumerateArray().Any(s => Passes(s, value, path)))
            errors.Add($"{path}: matches none of the anyOf alternatives");
        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var matches = oneOf.EnumerateArray().Count(s => Passes(s, value, path));
            if (matches != 1) errors.Add($"{path}: matches {matches} of the oneOf alternatives, expected exactly 1");
        }
    }

    private bool Passes(JsonElement schema, JsonElement value, string path)
    {
        var errors = new List<string>();
        Check(schema, value, path, errors);
        return errors.Count == 0;
    }

    private JsonElement Resolve(string reference)
    {
        const string prefix = "#/definitions/";
        if (!reference.StartsWith(prefix, StringComparison.Ordinal))
            throw new NotSupportedException($"only local definition references are supported: {reference}");
        return _root.GetProperty("definitions").GetProperty(reference[prefix.Length..]);
    }

    private static bool MatchesType(JsonElement type, JsonElement value) =>
        type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Any(t => MatchesType(t.GetString()!, value))
            : MatchesType(type.GetString()!, value);

    private static bool MatchesType(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        _ => throw new NotSupportedException($"unknown type {type}"),
    };

    private static void CheckString(JsonElement schema, string text, string path, List<string> errors)
    {
        if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(text, pattern.GetString()!))
            errors.Add($"{path}: \"{text}\" does not match /{pattern.GetString()}/");
        if (!schema.TryGetProperty("format", out var format)) return;
        var ok = format.GetString() switch
        {
            "uri" => Uri.TryCreate(text, UriKind.Absolute, out _),
            "uri-reference" => Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out _) && !text.Contains(' ', StringComparison.Ordinal),
            "date-time" => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            _ => true,
        };
        if (!ok) errors.Add($"{path}: \"{text}\" is not a valid {format.GetString()}");
    }

    private static void CheckNumber(JsonElement schema, double number, string path, List<string> errors)
    {
        if (schema.TryGetProperty("minimum", out var min) && number < min.GetDouble())
            errors.Add($"{path}: {number} is below the minimum {min.GetDouble()}");
        if (schema.TryGetProperty("maximum", out var max) && number > max.GetDouble())
            errors.Add($"{path}: {number} is above the maximum {max.GetDouble()}");
    }

    private void CheckArray(JsonElement schema, JsonElement array, string path, List<string> errors)
    {
        var items = array.EnumerateArray().ToList();
        if (schema.TryGetProperty("minItems", out var minItems) && items.Count < minItems.GetInt32())
            errors.Add($"{path}: {items.Count} item(s), at least {minItems.GetInt32()} required");
        if (schema.TryGetProperty("uniqueItems", out var unique) && unique.GetBoolean())
        {
            for (var i = 0; i < items.Count; i++)
                for (var j = i + 1; j < items.Count; j++)
                    if (JsonElement.DeepEquals(items[i], items[j])) errors.Add($"{path}: items {i} and {j} are equal but must be unique");
        }
        if (schema.TryGetProperty("items", out var itemSchema))
        {
            for (var i = 0; i < items.Count; i++)
                Check(itemSchema, items[i], $"{path}[{i}]", errors);
        }
    }

    private void CheckObject(JsonElement schema, JsonElement obj, string path, List<string> errors)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                if (!obj.TryGetProperty(name, out _)) errors.Add($"{path}: the required property `{name}` is missing");
        }
        schema.TryGetProperty("properties", out var properties);
        var hasAdditional = schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var property in obj.EnumerateObject())
        {
            var childPath = $"{path}.{property.Name}";
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
                Check(propertySchema, property.Value, childPath, errors);
            else if (hasAdditional)
                Check(additional, property.Value, childPath, errors);
        }
    }
}
