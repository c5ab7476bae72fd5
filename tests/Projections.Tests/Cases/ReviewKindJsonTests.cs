using System.Text.Json;
using Projections.Cases;
using Workflow.Applications;

namespace Projections.Tests.Cases;

/// <summary>ReviewFile.Kind was the Chinese display string before it became <see cref="ReviewKind"/>: stored case files still load.</summary>
public sealed class ReviewKindJsonTests
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData("\"行政复议\"", ReviewKind.Reconsideration)]
    [InlineData("\"行政诉讼\"", ReviewKind.Lawsuit)]
    [InlineData("\"Reconsideration\"", ReviewKind.Reconsideration)]
    [InlineData("\"lawsuit\"", ReviewKind.Lawsuit)]
    public void a_review_kind_is_read_by_name_or_by_its_former_chinese_spelling(string kind, ReviewKind expected)
    {
        var json = $$"""{"kind":{{kind}},"caseNumber":1,"filedOn":"2024-12-31","body":"毕节市人民政府","docketNumber":null,"afterReconsideration":null,"decidedOn":null,"decision":null}""";

        var review = JsonSerializer.Deserialize<ReviewFile>(json, Options)!;

        review.Kind.Should().Be(expected);
        JsonSerializer.Serialize(review, Options).Should().Contain($"\"kind\":\"{expected}\"");
    }

    [Fact]
    public void an_unknown_review_kind_is_an_error_not_a_default()
    {
        var act = () => JsonSerializer.Deserialize<ReviewFile>("""{"kind":"信访","caseNumber":1,"filedOn":"2024-12-31","body":"x"}""", Options);
        act.Should().Throw<JsonException>();
    }
}
