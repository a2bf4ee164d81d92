using System.Text;

namespace OrleansEci.Emulators.Eci.Groups;

/// <summary>Splits a small shell script into statements of words (single and double quotes, backslash escapes).</summary>
internal static class ShellWords
{
    public static List<IReadOnlyList<string>> Statements(string script)
    {
        List<IReadOnlyList<string>> statements = [];
        List<string> words = [];
        StringBuilder word = new();
        bool inWord = false;
        char quote = '\0';
        for (int i = 0; i < script.Length; i++)
        {
            char c = script[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else if (c == '\\' && quote == '"' && i + 1 < script.Length)
                {
                    word.Append(script[++i]);
                }
                else
                {
                    word.Append(c);
                }

                continue;
            }

            bool separator = c is ';' or '\n' || (c is '&' or '|' && i + 1 < script.Length && script[i + 1] == c);
            if (separator || char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }

                if (separator)
                {
                    i += c is '&' or '|' ? 1 : 0;
                    Flush(statements, words);
                }

                continue;
            }

            inWord = true;
            if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '\\' && i + 1 < script.Length)
            {
                word.Append(script[++i]);
            }
            else
            {
                word.Append(c);
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        Flush(statements, words);
        return statements;
    }

    private static void Flush(List<IReadOnlyList<string>> statements, List<string> words)
    {
        if (words.Count > 0)
        {
            statements.Add([.. words]);
            words.Clear();
        }
    }
}
