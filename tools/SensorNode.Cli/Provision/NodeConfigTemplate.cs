using System.Collections;
using SensorNode.Core.Config;

namespace SensorNode.Cli.Provision;

/// <summary>
/// An nf.config used as a template: the node id is checked by the core's own validator and written into the
/// <c>[mqtt] node_id</c> line, leaving every other line (comments, line ends) as it was.
/// </summary>
internal static class NodeConfigTemplate
{
    /// <summary>
    /// Null when <paramref name="nodeId"/> is a valid node id for the core ([a-z0-9-], 1-32 characters), else why not.
    /// </summary>
    public static string? CheckNodeId(string nodeId)
    {
        var errors = new ArrayList();
        ConfigParser.Validate(new NodeConfig { NodeId = nodeId }, "--node-id", errors);
        return errors.Cast<ConfigError>().FirstOrDefault(e => e.Field == "mqtt.node_id")?.Message;
    }

    /// <summary>
    /// The template with its <c>[mqtt] node_id</c> value replaced by <paramref name="nodeId"/> (a trailing comment on
    /// that line is kept); when the section has no such key, one is added right after the <c>[mqtt]</c> header, and
    /// when there is no <c>[mqtt]</c> section, the section is appended.
    /// </summary>
    public static string WithNodeId(string template, string nodeId)
    {
        string newline = template.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        string[] lines = template.Split('\n');
        string? section = null;
        int header = -1;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.StartsWith('['))
            {
                int close = line.IndexOf(']');
                section = close > 0 ? line[1..close].Trim() : null;
                if (section == "mqtt" && header < 0) header = i;
                continue;
            }
            int equals = line.IndexOf('=');
            if (section != "mqtt" || equals < 0 || line[..equals].Trim() != "node_id") continue;

            string original = lines[i];
            string lineEnd = original.EndsWith('\r') ? "\r" : "";
            int keyStart = original.IndexOf("node_id", StringComparison.Ordinal);
            lines[i] = original[..keyStart] + "node_id = " + nodeId + TrailingComment(original[(original.IndexOf('=') + 1)..]) + lineEnd;
            return string.Join('\n', lines);
        }
        if (header >= 0)
        {
            string lineEnd = lines[header].EndsWith('\r') ? "\r" : "";
            var list = lines.ToList();
            list.Insert(header + 1, "node_id = " + nodeId + lineEnd);
            return string.Join('\n', list);
        }
        string separator = template.Length == 0 || template.EndsWith('\n') ? "" : newline;
        return template + separator + "[mqtt]" + newline + "node_id = " + nodeId + newline;
    }

    // " # comment" after the value, as the config syntax sees it ('#' or ';' after whitespace), or "".
    private static string TrailingComment(string afterEquals)
    {
        string value = afterEquals.TrimEnd('\r');
        for (int i = 1; i < value.Length; i++)
        {
            if ((value[i] == '#' || value[i] == ';') && char.IsWhiteSpace(value[i - 1]))
            {
                return "  " + value[i..].TrimEnd();
            }
        }
        return "";
    }
}
