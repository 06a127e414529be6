using Compliance.Rules.Json;

namespace Compliance.Rules.Tests;

public sealed class JsonDocumentsTests
{
    [Theory]
    [InlineData("{ \"id\": \"x\", }", "line 1, column 14")]
    [InlineData("{ \"a\": [1, 2, ] }", "line 1, column 15")]
    public void A_trailing_comma_is_named_in_a_users_words_at_its_place(string json, string where)
    {
        var error = Assert.Throws<InvalidInputException>(() => JsonDocuments.ParseJson(json));

        var message = Assert.Single(error.Errors).Message;
        Assert.Equal($"{where}: a comma before a closing bracket or brace is not allowed in JSON: remove it", message);
        Assert.DoesNotContain("reader options", message, StringComparison.Ordinal);
    }
}
