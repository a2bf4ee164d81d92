using OrleansEci.Emulators.Kube.Errors;

namespace OrleansEci.Emulators.Kube.Selectors;

/// <summary>
/// Hand-written parser for the label selector query syntax (no maintained .NET package parses it); grammar and error
/// wording follow k8s.io/apimachinery/pkg/labels/selector.go
/// (https://github.com/kubernetes/apimachinery/blob/master/pkg/labels/selector.go).
/// </summary>
internal sealed class LabelSelectorParser
{
    private readonly string _text;
    private int _pos;

    public LabelSelectorParser(string text)
    {
        _text = text;
    }

    public List<LabelRequirement> ParseAll()
    {
        var result = new List<LabelRequirement>();
        while (true)
        {
            SkipSpaces();
            result.Add(ParseRequirement());
            SkipSpaces();
            if (_pos >= _text.Length)
            {
                return result;
            }

            if (_text[_pos] != ',')
            {
                throw Error($"found '{_text[_pos]}', expected: ',' or 'end of string'");
            }

            _pos++;
        }
    }

    private LabelRequirement ParseRequirement()
    {
        if (Peek() == '!')
        {
            _pos++;
            SkipSpaces();
            return new LabelRequirement(ReadIdentifier("key"), SelectorOperator.DoesNotExist, []);
        }

        var key = ReadIdentifier("key");
        SkipSpaces();
        if (_pos >= _text.Length || _text[_pos] == ',')
        {
            return new LabelRequirement(key, SelectorOperator.Exists, []);
        }

        if (TryConsume("==") || TryConsume("="))
        {
            return new LabelRequirement(key, SelectorOperator.Equals, [ReadValue()]);
        }

        if (TryConsume("!="))
        {
            return new LabelRequirement(key, SelectorOperator.NotEquals, [ReadValue()]);
        }

        if (TryConsume(">"))
        {
            return new LabelRequirement(key, SelectorOperator.GreaterThan, [ReadInteger()]);
        }

        if (TryConsume("<"))
        {
            return new LabelRequirement(key, SelectorOperator.LessThan, [ReadInteger()]);
        }

        var word = ReadIdentifier("operator");
        var op = word switch
        {
            "in" => SelectorOperator.In,
            "notin" => SelectorOperator.NotIn,
            _ => throw Error($"found '{word}', expected: in, notin, =, ==, !=, gt, lt"),
        };
        return new LabelRequirement(key, op, ReadSet());
    }

    private List<string> ReadSet()
    {
        SkipSpaces();
        if (!TryConsume("("))
        {
            throw Error("found '" + (Peek() is { } c ? c.ToString() : "end of string") + "', expected: '('");
        }

        var values = new List<string>();
        while (true)
        {
            SkipSpaces();
            values.Add(ReadValue());
            SkipSpaces();
            if (TryConsume(")"))
            {
                return values;
            }

            if (!TryConsume(","))
            {
                throw Error("found '" + (Peek() is { } c ? c.ToString() : "end of string") + "', expected: ',' or ')'");
            }
        }
    }

    private string ReadInteger()
    {
        var value = ReadValue();
        if (!long.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            throw Error($"for 'Gt', 'Lt' operators, the value must be an integer");
        }

        return value;
    }

    private string ReadValue()
    {
        SkipSpaces();
        var start = _pos;
        while (_pos < _text.Length && IsIdentifierChar(_text[_pos]))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    private string ReadIdentifier(string what)
    {
        var start = _pos;
        while (_pos < _text.Length && IsIdentifierChar(_text[_pos]))
        {
            _pos++;
        }

        if (start == _pos)
        {
            throw Error($"found '{(Peek() is { } c ? c.ToString() : "end of string")}', expected: {(what == "key" ? "!, identifier, or 'end of string'" : "in, notin, =, ==, !=, gt, lt")}");
        }

        return _text[start.._pos];
    }

    private static bool IsIdentifierChar(char c) => !char.IsWhiteSpace(c) && c is not (',' or '=' or '!' or '(' or ')' or '<' or '>');

    private bool TryConsume(string token)
    {
        if (string.CompareOrdinal(_text, _pos, token, 0, token.Length) == 0)
        {
            _pos += token.Length;
            return true;
        }

        return false;
    }

    private char? Peek() => _pos < _text.Length ? _text[_pos] : null;

    private void SkipSpaces()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private static ApiException Error(string detail) =>
        ApiErrors.BadRequest($"unable to parse requirement: {detail}");
}
