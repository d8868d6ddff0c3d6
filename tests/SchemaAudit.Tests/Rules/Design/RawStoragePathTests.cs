using SchemaAudit.Model;
using SchemaAudit.Rules.Design;
using static SchemaAudit.Tests.Rules.ModelBuilder;

namespace SchemaAudit.Tests.Rules.Design;

public sealed class RawStoragePathTests
{
    [Theory]
    [InlineData("audio_path", true)]
    [InlineData("file_path", true)]
    [InlineData("filepath", true)]
    [InlineData("avatar_url", true)]
    [InlineData("thumbnailUrl", true)]
    [InlineData("s3_key", true)]
    [InlineData("object_key", true)]
    [InlineData("attachment_uri", true)]
    [InlineData("path", false)]
    [InlineData("tree_path", false)]
    [InlineData("url_slug", false)]
    [InlineData("website_url", false)]
    [InlineData("callback_url", false)]
    [InlineData("image_callback_url", false)]
    [InlineData("api_key", false)]
    [InlineData("cache_key", false)]
    [InlineData("file_name", false)]
    public void Judges_storage_from_the_name(string name, bool fires)
    {
        var findings = Run(new RawStoragePath(), Schema(Table("messages", 1, Col(name, LogicalType.Text, 9))));
        Assert.Equal(fires ? 1 : 0, findings.Count);
    }

    [Fact]
    public void Silent_for_non_text_columns_and_rows_that_record_their_backend()
    {
        Assert.Empty(Run(new RawStoragePath(), Schema(Table("messages", 1, Col("audio_path", LogicalType.Json, 2)))));
        Assert.Empty(Run(new RawStoragePath(), Schema(Table("files", 1, Col("bucket", LogicalType.Text, 2), Col("object_key", LogicalType.Text, 3)))));
    }
}
