using System.Text;
using System.Text.RegularExpressions;

namespace SensorNode.Gateway.Tests.Export;

/// <summary>
/// A strict parser for the Turtle subset the exporter writes (W3C Turtle grammar: @prefix directives, IRIs,
/// prefixed names, "a", string literals, blank-node property lists, ';' ',' '.'). Throws <see cref="FormatException"/>
/// on anything else, an undeclared prefix or an unsafe IRI; returns the triples with IRIs expanded.
/// </summary>
internal sealed partial class TurtleSubsetParser
{
    internal sealed record Triple(string Subject, string Predicate, string Object);

    private const string RdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    private readonly List<string> _tokens;
    private readonly Dictionary<string, string> _prefixes = new();
    private readonly List<Triple> _triples = new();
    private int _position;
    private int _blankNodes;

    private TurtleSubsetParser(List<string> tokens) => _tokens = tokens;

    internal static List<Triple> Parse(string turtle)
    {
        var parser = new TurtleSubsetParser(Tokenize(turtle));
        parser.Document();
        return parser._triples;
    }

    private void Document()
    {
        while (_position < _tokens.Count)
        {
            if (Peek() == "@prefix")
            {
                Next();
                string name = Next();
                if (!PrefixDeclaration().IsMatch(name)) throw new FormatException($"bad prefix name {name}");
                _prefixes[name[..^1]] = Iri(Next());
                Expect(".");
                continue;
            }
            string subject = Peek() == "[" ? BlankNodePropertyList() : Resource(Next());
            if (Peek() != ".") PredicateObjectList(subject);
            Expect(".");
        }
    }

    private void PredicateObjectList(string subject)
    {
        do
        {
            if (Peek() is "." or "]") return; // a trailing ';' is allowed
            string verb = Next();
            string predicate = verb == "a" ? RdfType : Resource(verb);
            do
            {
                _triples.Add(new Triple(subject, predicate, Object()));
            } while (TryTake(","));
        } while (TryTake(";"));
    }

    private string Object()
    {
        if (Peek() == "[") return BlankNodePropertyList();
        string token = Next();
        return token.StartsWith('"') ? token : Resource(token);
    }

    private string BlankNodePropertyList()
    {
        Expect("[");
        string node = $"_:b{_blankNodes++}";
        PredicateObjectList(node);
        Expect("]");
        return node;
    }

    private string Resource(string token)
    {
        if (token.StartsWith('<')) return Iri(token);
        Match m = PrefixedName().Match(token);
        if (!m.Success) throw new FormatException($"not a resource: {token}");
        if (!_prefixes.TryGetValue(m.Groups[1].Value, out string? ns)) throw new FormatException($"undeclared prefix in {token}");
        return ns + m.Groups[2].Value;
    }

    private static string Iri(string token)
    {
        if (!SafeIri().IsMatch(token)) throw new FormatException($"unsafe IRI {token}");
        return token[1..^1];
    }

    private string Peek() => _position < _tokens.Count ? _tokens[_position] : throw new FormatException("unexpected end");
    private string Next() { string t = Peek(); _position++; return t; }
    private void Expect(string token) { if (Next() != token) throw new FormatException($"expected '{token}' at token {_position - 1}"); }
    private bool TryTake(string token) { if (_position < _tokens.Count && _tokens[_position] == token) { _position++; return true; } return false; }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c is '[' or ']' or ';' or ',') { tokens.Add(c.ToString()); i++; continue; }
            if (c == '<') { int end = text.IndexOf('>', i); if (end < 0) throw new FormatException("open IRI"); tokens.Add(text[i..(end + 1)]); i = end + 1; continue; }
            if (c == '"') { tokens.Add(StringLiteral(text, ref i)); continue; }
            int start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('[' or ']' or ';' or ',' or '"' or '<')) i++;
            string word = text[start..i];
            // A statement's final '.' may touch the last token ("x ." is written, "x." also parses as Turtle).
            if (word.Length > 1 && word.EndsWith('.')) { tokens.Add(word[..^1]); tokens.Add("."); } else tokens.Add(word);
        }
        return tokens;
    }

    private static string StringLiteral(string text, ref int i)
    {
        var value = new StringBuilder("\"");
        i++;
        while (true)
        {
            if (i >= text.Length || text[i] is '\n' or '\r') throw new FormatException("unterminated string");
            char c = text[i++];
            if (c == '"') return value.Append('"').ToString();
            if (c != '\\') { value.Append(c); continue; }
            char e = text[i++];
            switch (e)
            {
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case '"' or '\\': value.Append(e); break;
                case 'u': value.Append((char)Convert.ToInt32(text.Substring(i, 4), 16)); i += 4; break;
                default: throw new FormatException($"bad escape \\{e}");
            }
        }
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_-]*:$")]
    private static partial Regex PrefixDeclaration();

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9_-]*)?:([A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?)$")]
    private static partial Regex PrefixedName();

    // IRIREF minus the characters Turtle forbids; we also insist on a scheme.
    [GeneratedRegex(@"^<[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>""{}|^`\\]*>$")]
    private static partial Regex SafeIri();
}
